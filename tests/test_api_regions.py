"""Which clauses apply to a region, and why: hand-made lists from reading data/sources for 公主岭 and 白城,
a count check for 长春, and the reasons' evidence."""

from __future__ import annotations

from collections import Counter

import pytest

# Clauses whose text or responsibility note names the place (line breaks ignored), read from
# data/sources/000_e2dd2b49d853fc19.txt — document ordinal → clause numbers.
GONGZHULING_DIRECT = {
    "01": [5, 12, 13],
    "02": [1, 25, 26],
    "10": [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        10,
        11,
        12,
        13,
        15,
        16,
        17,
        19,
        20,
        21,
        22,
        23,
        24,
        25,
        26,
        27,
        28,
        29,
        30,
    ],
}
# 白城 appears only in 白城国家级高载能高技术基地 and three plain mentions (5, 11, 19); the extractor
# records the city inside the base's name too, so all nine clauses naming it are direct.
BAICHENG_DIRECT = {"08": [1, 4, 5, 6, 7, 11, 12, 19, 20]}


def clauses(client, ref, **params) -> list[dict]:
    body = client.get(f"/regions/{ref}/clauses", params={"limit": 1000, **params}).json()
    assert body["total"] == len(body["items"])
    return body["items"]


def as_numbers(items) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for c in items:
        doc = c["id"].split("/")[0].rsplit("-", 1)[1]
        out.setdefault(doc, []).append(int(c["number"]))
    return {d: sorted(v) for d, v in sorted(out.items())}


def test_gongzhuling_direct(api_client):
    assert as_numbers(clauses(api_client, "公主岭", via="direct")) == GONGZHULING_DIRECT


def test_baicheng_direct(api_client):
    assert as_numbers(clauses(api_client, "白城", via="direct")) == BAICHENG_DIRECT


def test_baicheng_group_via_its_base(api_client):
    items = clauses(api_client, "白城市")
    # Document 8 implements the base's plan; the base has 白城 as its member.
    doc8 = [c for c in items if c["document"].endswith("-08")]
    assert len(doc8) == 23  # every clause of document 8
    assert all(
        any(
            r["reason"] == "group" and r["group"] == "白城国家级高载能高技术基地"
            for r in c["reasons"]
        )
        for c in doc8
    )
    assert len(items) == 93


def test_changchun_counts(api_client):
    items = clauses(api_client, "长春")
    assert len(items) == 209
    assert Counter(r["reason"] for c in items for r in c["reasons"]) == {
        "direct": 105,
        "contained": 66,
        "group": 304,
        "province": 51,
    }
    direct = {c["iri"] for c in clauses(api_client, "长春", via="direct")}
    assert len(direct) == 105


def test_gongzhuling_counts_as_contained_for_changchun(api_client):
    gzl = {c["iri"] for c in clauses(api_client, "公主岭", via="direct")}
    contained = {c["iri"]: c for c in clauses(api_client, "220100", via="contained")}
    assert gzl <= set(contained)
    reason = next(
        r for r in contained[next(iter(sorted(gzl)))]["reasons"] if r.get("place") == "公主岭市"
    )
    assert reason["kind"] == "region" and reason["place_iri"].endswith("/region/220184")
    assert reason["matched"]


def test_reasons_carry_evidence(api_client):
    items = {c["id"]: c for c in clauses(api_client, "长春")}
    reasons = {r["reason"]: r for r in items["000_e2dd2b49d853fc19-01/art/3"]["reasons"]}
    assert reasons["direct"]["matched"] == ["长春", "长春市"]
    assert (
        reasons["contained"]["place"] == "长春龙嘉国际机场"
        and reasons["contained"]["kind"] == "zone"
    )
    assert (
        reasons["group"]["group"] == "长春经济圈" and reasons["group"]["plan"] == "长春经济圈规划"
    )
    assert reasons["province"]["place"] == "吉林省" and reasons["province"]["matched"] == ["吉林省"]
    for r in reasons.values():
        assert r["evidence"]


@pytest.mark.parametrize("via", ["direct", "contained", "group", "province", "direct,province"])
def test_via_filters(api_client, via):
    wanted = set(via.split(","))
    items = clauses(api_client, "长春", via=via)
    assert items and all({r["reason"] for r in c["reasons"]} <= wanted for c in items)


def test_unknown_via_is_400(api_client):
    body = api_client.get("/regions/长春/clauses", params={"via": "nearby"}).json()
    assert body["error"]["status"] == 400 and "direct" in body["error"]["hint"]


def test_province_reason_applies_everywhere(api_client):
    province_clauses = {c["iri"] for c in clauses(api_client, "吉林省", via="direct")}
    assert len(province_clauses) == 51
    for ref in ("白城", "珲春", "220184"):
        assert {c["iri"] for c in clauses(api_client, ref, via="province")} == province_clauses


def test_unknown_region_404(api_client):
    body = api_client.get("/regions/白成/clauses").json()
    assert body["error"]["status"] == 404 and "白城" in body["error"]["hint"]
