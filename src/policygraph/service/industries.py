"""Industries (SKOS): the concept tree and the clauses naming an industry or any narrower one."""

from __future__ import annotations

from rdflib import URIRef

COUNTS = """
SELECT ?industry (COUNT(DISTINCT ?clause) AS ?n) WHERE { ?clause pg:mentionsIndustry ?industry } GROUP BY ?industry"""

# ?top is bound and projected: clauses naming it or anything below it (skos:broader*).
CLAUSES = """
SELECT ?top ?clause ?industry ?name WHERE {
  ?clause pg:mentionsIndustry ?industry . ?industry skos:broader* ?top ; skos:prefLabel ?name .
  FILTER(LANG(?name) = "zh")
}"""


def industry_tree(svc) -> list[dict]:
    """Top concepts with nested `narrower`, each with the number of clauses naming it directly."""
    counts = {row["industry"]: row["n"] for row in svc.select(COUNTS)}
    items = svc.catalog.industries.items
    below: dict[str | None, list[str]] = {}
    for key, item in items.items():
        below.setdefault(item["broader"], []).append(key)

    def node(key: str) -> dict:
        item = items[key]
        return {
            **item,
            "clauses": counts.get(item["iri"], 0),
            "narrower": [node(k) for k in sorted(below.get(key, ()))],
        }

    return [node(k) for k in sorted(below.get(None, ()))]


def get_industry(svc, ref: str) -> dict:
    """An industry by id (auto-parts), Chinese or English label or alternative label."""
    item = dict(svc.catalog.industries.get(ref))
    item["narrower"] = sorted(
        k for k, i in svc.catalog.industries.items.items() if i["broader"] == item["id"]
    )
    return item


def clauses_for_industry(svc, ref: str) -> list[dict]:
    """Clauses naming the industry or a narrower one, each listing which of them it names."""
    top = svc.catalog.industries.get(ref)
    named: dict[str, dict[str, str]] = {}
    for row in svc.select(CLAUSES, top=URIRef(top["iri"])):
        named.setdefault(row["clause"], {})[row["industry"]] = row["name"]
    return [
        {**c, "industries": [{"iri": i, "name": n} for i, n in sorted(named[c["iri"]].items())]}
        for c in svc.catalog.summaries(named)
    ]
