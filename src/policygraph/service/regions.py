"""Regions: the tree, lookup by code/name/pinyin, and every clause that applies to a region, with reasons."""

from __future__ import annotations

from ..sparql.errors import BadRequest

REASONS = ("direct", "contained", "group", "province")


def region_tree(svc) -> list[dict]:
    """Top regions (no parent) with nested `children`, each level sorted by code."""
    cat = svc.catalog

    def node(code: str) -> dict:
        item = dict(cat.regions.items[code])
        item["children"] = [node(c) for c in sorted(cat.children.get(code, ()))]
        return item

    return [node(code) for code, item in cat.regions.items.items() if not item["parent"]]


def get_region(svc, ref: str) -> dict:
    """A region by code (220100), full or short name (长春市, 长春) or pinyin (changchun), with its children."""
    item = dict(svc.catalog.regions.get(ref))
    item["children"] = [
        svc.catalog.regions.items[c] for c in sorted(svc.catalog.children.get(item["code"], ()))
    ]
    return item


def parse_via(via: str | None) -> set[str]:
    """`?via=direct,group` → the reasons to keep; unknown names are a 400."""
    if not via:
        return set(REASONS)
    wanted = {v.strip() for v in via.split(",") if v.strip()}
    unknown = wanted - set(REASONS)
    if unknown:
        raise BadRequest(
            f"unknown reason(s) in via: {', '.join(sorted(unknown))}",
            "use any of " + ", ".join(REASONS),
        )
    return wanted


def _add(found: dict, clause: str, key: tuple, item: dict, texts=()) -> None:
    reason = found.setdefault(clause, {}).setdefault(key, {**item, "matched": []})
    reason["matched"].extend(t for t in texts if t not in reason["matched"])


def _evidence(svc, code: str, wanted: set[str]) -> dict[str, dict[tuple, dict]]:
    """clause IRI → {reason key → reason}, walking the place index (see places.py for why)."""
    cat, places = svc.catalog, svc.places
    region = cat.regions.items[code]
    inside = cat.descendants(code)
    found: dict[str, dict[tuple, dict]] = {}
    if "direct" in wanted:
        for clause, texts in places.mentions.get(region["iri"], {}).items():
            _add(
                found,
                clause,
                ("direct",),
                {"reason": "direct", "evidence": f"names {region['name']}"},
                texts,
            )
    if "contained" in wanted:
        hosts = [region] + [cat.regions.items[c] for c in inside]
        for sub in hosts[1:]:
            item = {
                "reason": "contained",
                "evidence": f"names {sub['name']}, inside {region['name']}",
                "place": sub["name"],
                "place_iri": sub["iri"],
                "kind": "region",
            }
            for clause, texts in places.mentions.get(sub["iri"], {}).items():
                _add(found, clause, ("contained", sub["iri"]), item, texts)
        for host in hosts:
            for zone in places.zones_in.get(host["iri"], ()):
                name = places.names[zone]
                item = {
                    "reason": "contained",
                    "evidence": f"names {name}, a zone in {host['name']}",
                    "place": name,
                    "place_iri": zone,
                    "kind": "zone",
                }
                for clause, texts in places.mentions.get(zone, {}).items():
                    _add(found, clause, ("contained", zone), item, texts)
    if "group" in wanted:
        groups = set().union(
            *(places.groups_with.get(cat.regions.items[c]["iri"], set()) for c in [code, *inside])
        )
        for group in sorted(groups):
            name = places.names[group]
            for clause, plan in places.plan_clauses.get(group, {}).items():
                _add(
                    found,
                    clause,
                    ("group", group, "plan"),
                    {
                        "reason": "group",
                        "evidence": f"its document implements {plan}, which covers {name}",
                        "group": name,
                        "group_iri": group,
                        "via": "plan",
                        "plan": plan,
                    },
                )
            item = {
                "reason": "group",
                "evidence": f"names {name}, a group with {region['name']}",
                "group": name,
                "group_iri": group,
                "via": "mention",
            }
            for clause, texts in places.mentions.get(group, {}).items():
                _add(found, clause, ("group", group, "mention"), item, texts)
    if "province" in wanted:
        parent = region["parent"]
        while parent:
            above = cat.regions.items[parent]
            if above["level"] == "province":
                item = {
                    "reason": "province",
                    "evidence": f"names {above['name']}, which applies province-wide",
                    "place": above["name"],
                    "place_iri": above["iri"],
                }
                for clause, texts in places.mentions.get(above["iri"], {}).items():
                    _add(found, clause, ("province", above["iri"]), item, texts)
            parent = above["parent"]
    return found


def clauses_for_region(svc, ref: str, via: str | None = None) -> list[dict]:
    """Every clause applying to the region (reading order), each with its reasons and their evidence."""
    region = svc.catalog.regions.get(ref)
    found = _evidence(svc, region["code"], parse_via(via))
    out = []
    for clause in svc.catalog.summaries(found):
        reasons = sorted(
            found[clause["iri"]].values(),
            key=lambda r: (
                REASONS.index(r["reason"]),
                r.get("place") or r.get("group") or "",
                r.get("via", ""),
            ),
        )
        out.append({**clause, "reasons": reasons})
    return out


def clause_iris_for_region(svc, ref: str, via: str | None = None) -> set[str]:
    """Just the IRIs, for combining with other filters."""
    region = svc.catalog.regions.get(ref)
    return set(_evidence(svc, region["code"], parse_via(via)))
