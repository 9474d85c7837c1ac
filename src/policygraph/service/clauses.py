"""Clauses: one clause in full (text, span, responsibilities, places, industries, values, citations),
and the clause list filtered by region, department, role, industry and text (filters combine)."""

from __future__ import annotations

from rdflib import URIRef

from ..namespaces import RESOURCE_BASE
from .base import not_found

CLAUSE = """
SELECT ?clause ?text ?file ?start ?end ?line WHERE {
  ?clause a pg:Clause ; pg:text ?text .
  OPTIONAL { ?clause pg:source ?src . ?src oa:start ?start ; oa:end ?end ; pg:line ?line ;
             pg:sourceFile/dcterms:identifier ?file }
}"""

RESPONSIBILITIES = """
SELECT ?clause ?dept ?name ?role ?printed WHERE {
  ?clause prov:qualifiedAttribution ?r . ?r prov:agent ?dept ; prov:hadRole ?role .
  OPTIONAL { ?r pg:printedLabel ?printed }
  ?dept skos:prefLabel ?name . FILTER(LANG(?name) = "zh")
} ORDER BY ?role ?dept"""

LINKS = """
SELECT ?clause ?kind ?target ?name WHERE {
  { ?clause pg:mentionsRegion ?target . BIND("regions" AS ?kind) ?target skos:prefLabel ?name }
  UNION { ?clause pg:mentionsZone ?target . BIND("zones" AS ?kind) ?target skos:prefLabel ?name }
  UNION { ?clause pg:mentionsArea ?target . BIND("areas" AS ?kind) ?target skos:prefLabel ?name }
  UNION { ?clause pg:mentionsIndustry ?target . BIND("industries" AS ?kind)
          ?target skos:prefLabel ?name . FILTER(LANG(?name) = "zh") }
} ORDER BY ?kind ?target"""

VALUES = """
SELECT ?clause ?value ?type ?kind ?min ?max ?percent ?matched ?startDate ?endDate WHERE {
  { ?clause pg:hasAmount ?value . ?value a ?type ; pg:matchedText ?matched .
    OPTIONAL { ?value pg:amountKind ?kind } OPTIONAL { ?value schema:minValue ?min }
    OPTIONAL { ?value schema:maxValue ?max } OPTIONAL { ?value schema:value ?percent } }
  UNION
  { ?clause dcterms:temporal ?value . BIND(dcterms:PeriodOfTime AS ?type)
    OPTIONAL { ?value pg:matchedText ?matched }
    OPTIONAL { ?value dcat:startDate ?startDate } OPTIONAL { ?value dcat:endDate ?endDate } }
} ORDER BY ?value"""

CITATIONS = """
SELECT ?clause ?work ?title ?number WHERE {
  ?clause eli:cites ?work . OPTIONAL { ?work eli:title ?title } OPTIONAL { ?work eli:id_local ?number }
} ORDER BY ?work"""

ROLES = ("responsible", "lead", "support")
PG = "https://w3id.org/policygraph/ontology#"


def clause_iri(ref: str) -> str:
    """`000_…-01/art/3`, `doc/000_…-01/art/3` or a full IRI → the clause IRI."""
    if ref.startswith(("http://", "https://")):
        return ref
    return RESOURCE_BASE + (ref if ref.startswith("doc/") else "doc/" + ref.lstrip("/"))


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def get_clause(svc, ref: str) -> dict:
    """One clause with everything the graph says about it."""
    iri = clause_iri(ref)
    if iri not in svc.catalog.clauses:
        raise not_found("clause", ref, [c["id"] for c in svc.catalog.clauses.values()])
    item = svc.catalog.summaries([iri])[0]
    node = URIRef(iri)
    row = svc.select(CLAUSE, clause=node)[0]
    item["text"] = row["text"]
    item["source"] = (
        {"file": row["file"], "start": row["start"], "end": row["end"], "line": row["line"]}
        if "file" in row
        else None
    )
    item["responsibilities"] = [
        {
            "department": r["name"],
            "department_iri": r["dept"],
            "department_id": _local(r["dept"]),
            "role": _local(r["role"]),
            "printed": r.get("printed"),
        }
        for r in svc.select(RESPONSIBILITIES, clause=node)
    ]
    for kind in ("regions", "zones", "areas", "industries"):
        item[kind] = []
    for r in svc.select(LINKS, clause=node):
        item[r["kind"]].append({"iri": r["target"], "name": r["name"]})
    item["amounts"], item["dates"] = [], []
    for r in svc.select(VALUES, clause=node):
        if r["type"].endswith("PeriodOfTime"):
            item["dates"].append(
                {
                    "iri": r["value"],
                    "matched": r.get("matched"),
                    "start": r.get("startDate"),
                    "end": r.get("endDate"),
                }
            )
        else:
            item["amounts"].append(
                {
                    "iri": r["value"],
                    "type": _local(r["type"]),
                    "kind": _local(r["kind"]) if r.get("kind") else None,
                    "matched": r["matched"],
                    "min": r.get("min"),
                    "max": r.get("max"),
                    "percent": r.get("percent"),
                }
            )
    item["citations"] = [
        {"iri": r["work"], "title": r.get("title"), "number": r.get("number")}
        for r in svc.select(CITATIONS, clause=node)
    ]
    return item


def list_clauses(
    svc,
    *,
    region: str | None = None,
    via: str | None = None,
    department: str | None = None,
    role: str | None = None,
    industry: str | None = None,
    q: str | None = None,
) -> list[dict]:
    """Clause summaries matching every filter given (none: all clauses, in reading order)."""
    from . import departments, industries, regions, search

    chosen: set[str] = set(svc.catalog.clauses)
    extra: dict[str, dict] = {}
    if region:
        found = {c["iri"]: c for c in regions.clauses_for_region(svc, region, via)}
        chosen &= set(found)
        for iri, c in found.items():
            extra.setdefault(iri, {})["reasons"] = c["reasons"]
    if department or role:
        found = {c["iri"]: c for c in departments.clauses_for_department(svc, department, role)}
        chosen &= set(found)
        for iri, c in found.items():
            extra.setdefault(iri, {})["roles"] = c["roles"]
    if industry:
        chosen &= {c["iri"] for c in industries.clauses_for_industry(svc, industry)}
    if q:
        found = {c["iri"]: c for c in search.search(svc, q)}
        chosen &= set(found)
        for iri, c in found.items():
            extra.setdefault(iri, {})["snippet"] = c["snippet"]
    return [{**c, **extra.get(c["iri"], {})} for c in svc.catalog.summaries(chosen)]
