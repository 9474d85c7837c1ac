"""The REST API in process on the seed graph: shapes, paging, filters, 404s with close matches, the envelope."""

from __future__ import annotations

import pytest

DOC1 = "000_e2dd2b49d853fc19-01"
LIST_KEYS = {"items", "total", "limit", "offset"}
CLAUSE_KEYS = {"iri", "doc_title", "number", "title"}


def get(client, url, status=200, **params):
    r = client.get(url, params=params or None)
    assert r.status_code == status, r.text
    return r.json()


def assert_error(body, status, code):
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message", "hint"}
    assert body["error"]["status"] == status and body["error"]["code"] == code


@pytest.mark.parametrize(
    "url",
    [
        "/documents",
        "/clauses",
        "/regions",
        "/departments",
        "/industries",
        "/search?q=人才",
        "/queries",
        "/regions/长春/clauses",
        "/departments/jl-fgw/clauses",
        "/industries/汽车/clauses",
    ],
)
def test_every_list_has_the_envelope(api_client, url):
    body = get(api_client, url)
    assert set(body) >= LIST_KEYS and body["limit"] == 50 and body["offset"] == 0
    assert len(body["items"]) == min(50, body["total"] - body["offset"])


def test_paging(api_client):
    first = get(api_client, "/clauses", limit=7, offset=0)
    second = get(api_client, "/clauses", limit=7, offset=7)
    assert first["total"] == second["total"] == 230
    assert len(first["items"]) == 7 and first["items"][-1]["iri"] != second["items"][0]["iri"]
    assert get(api_client, "/clauses", limit=1000)["items"][-1]["id"].startswith(
        "000_e2dd2b49d853fc19-10/"
    )
    assert get(api_client, "/clauses", offset=500)["items"] == []


@pytest.mark.parametrize("params", [{"limit": 1001}, {"limit": 0}, {"offset": -1}, {"limit": "x"}])
def test_paging_out_of_range_is_400(api_client, params):
    assert_error(get(api_client, "/clauses", 400, **params), 400, "invalid_request")


def test_documents(api_client):
    body = get(api_client, "/documents")
    assert (
        body["total"] == 10
        and body["items"][0]["id"] == DOC1
        and body["items"][0]["clause_count"] == 14
    )
    doc = get(api_client, f"/documents/{DOC1}")
    assert doc["title"] == "关于支持长春经济圈高质量发展的若干政策" and len(doc["clauses"]) == 14
    assert doc["plans"][0]["title"] == "长春经济圈规划" and doc["preamble"].startswith("为深入推动")
    assert_error(get(api_client, "/documents/000_e2dd2b49d853fc19-99", 404), 404, "not_found")


def test_clause_in_full(api_client):
    c = get(api_client, "/clauses/000_e2dd2b49d853fc19-05/art/13")
    assert set(c) >= CLAUSE_KEYS and c["title"] == "支持机场建设" and c["number"] == 13
    assert c["source"] == {
        "file": "000_e2dd2b49d853fc19.txt",
        "start": 20176,
        "end": 20429,
        "line": 1465,
    }
    assert {(r["department_id"], r["role"], r["printed"]) for r in c["responsibilities"]} == {
        ("jl-czt", "responsible", "省财政厅"),
        ("jl-fgw", "responsible", "省发展改革委"),
    }
    assert [d["matched"] for d in c["dates"]] == ["“十三五”期间"]
    assert [a["matched"] for a in c["amounts"]] == ["50％", "10％"]
    assert [r["name"] for r in c["regions"]] == ["吉林省"]
    for key in ("zones", "areas", "industries", "citations"):
        assert key in c


def test_clause_by_iri_redirects(api_client):
    iri = f"https://w3id.org/policygraph/id/doc/{DOC1}/art/3"
    r = api_client.get("/clauses", params={"iri": iri}, follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"].endswith(f"/clauses/{DOC1}/art/3")
    assert api_client.get("/clauses", params={"iri": iri}).json()["iri"] == iri


def test_unknown_clause_has_close_matches(api_client):
    body = get(api_client, f"/clauses/{DOC1}/art/99", 404)
    assert_error(body, 404, "not_found")
    assert f"{DOC1}/art/9" in body["error"]["hint"]


def test_clause_filters_combine(api_client):
    lead = get(api_client, "/clauses", department="jl-fgw", role="lead", limit=1000)
    assert lead["total"] == 13 and all(
        any(r["role"] == "lead" for r in c["roles"]) for c in lead["items"]
    )
    both = get(api_client, "/clauses", region="公主岭", role="lead", limit=1000)
    region = {c["iri"] for c in get(api_client, "/regions/公主岭/clauses", limit=1000)["items"]}
    leads = {c["iri"] for c in get(api_client, "/clauses", role="lead", limit=1000)["items"]}
    assert {c["iri"] for c in both["items"]} == region & leads and both["total"] == 31
    assert all("reasons" in c for c in both["items"])
    text = get(api_client, "/clauses", q="人才", industry="汽车")
    assert text["total"] <= get(api_client, "/clauses", q="人才")["total"]
    assert_error(get(api_client, "/clauses", 400, role="boss"), 400, "bad_request")


def test_regions_tree(api_client):
    body = get(api_client, "/regions")
    assert body["total"] == 1
    province = body["items"][0]
    assert province["name"] == "吉林省" and len(province["children"]) == 9
    changchun = next(c for c in province["children"] if c["code"] == "220100")
    assert "220184" in {c["code"] for c in changchun["children"]}


@pytest.mark.parametrize("ref", ["220100", "长春市", "长春", "changchun", "Changchun"])
def test_region_lookup(api_client, ref):
    assert get(api_client, f"/regions/{ref}")["code"] == "220100"


def test_unknown_region_offers_close_matches(api_client):
    body = get(api_client, "/regions/长春县", 404)
    assert_error(body, 404, "not_found")
    assert "长春市" in body["error"]["hint"]
    assert "changchun" in get(api_client, "/regions/changchn", 404)["error"]["hint"]


def test_departments(api_client):
    body = get(api_client, "/departments", limit=1000)
    assert body["total"] == 63
    top = body["items"][0]
    assert top["id"] == "changchun-gov" and top["clauses"] == {
        "responsible": 6,
        "lead": 25,
        "support": 43,
    }
    fgw = get(api_client, "/departments/省发展改革委")
    assert fgw["id"] == "jl-fgw" and fgw["level"] == "provincial" and fgw["parent"] == "jl-gov"
    assert fgw["clauses"] == {"responsible": 39, "lead": 13, "support": 2}
    assert get(api_client, "/departments/jl-fgw/clauses", role="support")["total"] == 2
    assert "省发改委" in get(api_client, "/departments/发改委", 404)["error"]["hint"]


def test_industries(api_client):
    body = get(api_client, "/industries", limit=1000)
    auto = next(i for i in body["items"] if i["id"] == "automotive")
    assert {n["id"] for n in auto["narrower"]} == {
        "auto-parts",
        "connected-vehicles",
        "new-energy-vehicles",
    }
    clauses = get(api_client, "/industries/汽车/clauses", limit=1000)
    assert clauses["total"] == 15
    narrower_only = get(api_client, "/industries/auto-parts/clauses")["total"]
    assert narrower_only == 3
    assert get(api_client, "/industries/Automotive")["id"] == "automotive"


def test_search_highlights_and_escapes(api_client):
    body = get(api_client, "/search", q="人才 公寓")
    assert body["total"] >= 1
    for item in body["items"]:
        assert "<mark>人才</mark>" in item["snippet"] and "<mark>公寓</mark>" in item["snippet"]
    assert get(api_client, "/search", q="人才")["total"] == 16
    assert get(api_client, "/search", q="人才 不存在的词")["total"] == 0


def test_search_snippet_escapes_html():
    from policygraph.service.search import snippet

    assert snippet("a<b>人才&c", ["人才"]) == "a&lt;b&gt;<mark>人才</mark>&amp;c"


def test_search_needs_terms(api_client):
    assert_error(get(api_client, "/search", 400), 400, "invalid_request")
    assert_error(get(api_client, "/search", 400, q="   "), 400, "bad_request")


def test_health_stats_validation(api_client):
    health = get(api_client, "/health")
    assert health["status"] == "ok" and health["store"] == "oxigraph" and health["triples"] > 27000
    stats = get(api_client, "/stats")
    assert (stats["documents"], stats["clauses"]) == (10, 230)
    assert (
        stats["responsibilities_by_role"]["lead"]
        + stats["responsibilities_by_role"]["support"]
        + stats["responsibilities_by_role"]["responsible"]
        == stats["responsibilities"]
        == 626
    )
    report = get(api_client, "/validation")
    assert report["conforms"] is True and report["violations"] == 0


def test_saved_queries_over_http(api_client):
    listed = get(api_client, "/queries", limit=1000)
    names = {q["name"] for q in listed["items"]}
    assert {"clauses-for-region", "subsidies-above", "corridors"} <= names and listed["total"] >= 12
    region = next(q for q in listed["items"] if q["name"] == "clauses-for-region")
    assert region["params"][0]["name"] == "region" and region["params"][0]["example"] == "长春"
    ran = get(api_client, "/queries/corridors", kind="corridor")
    assert ran["total"] == 2 and ran["columns"][:3] == ["kind", "group", "name"]
    csv = api_client.get("/queries/documents", headers={"Accept": "text/csv"})
    assert (
        csv.headers["content-type"].startswith("text/csv")
        and len(csv.text.strip().splitlines()) == 11
    )
    assert_error(get(api_client, "/queries/subsidies-above", 400, yuan="lots"), 400, "bad_request")
    assert_error(get(api_client, "/queries/subsidies-above", 400), 400, "bad_request")
    assert_error(
        get(api_client, "/queries/corridors", 400, kind="corridor", colour="red"),
        400,
        "bad_request",
    )
    assert "corridors" in get(api_client, "/queries/corridor", 404)["error"]["hint"]


def test_openapi_lists_every_route(api_client):
    spec = get(api_client, "/openapi.json")
    for path in (
        "/documents",
        "/clauses",
        "/clauses/{id}",
        "/regions/{ref}/clauses",
        "/departments/{ref}/clauses",
        "/industries/{ref}/clauses",
        "/search",
        "/validation",
        "/health",
        "/stats",
        "/queries/{name}",
        "/id/{path}",
    ):
        assert path in spec["paths"], path
    example = spec["paths"]["/regions/{ref}/clauses"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]
    assert example["example"]["items"][0]["reasons"]
