"""Linked data: any minted IRI described as RDF (its triples plus the labels of what it points to)."""

from __future__ import annotations

from rdflib import URIRef

from ..namespaces import PREFIXES, RESOURCE_BASE
from .base import PROLOGUE, NotFound

DESCRIBE = (
    PROLOGUE
    + """
CONSTRUCT { ?s ?p ?o . ?o ?lp ?label } WHERE {
  ?s ?p ?o .
  OPTIONAL { ?o ?lp ?label . FILTER(?lp IN (skos:prefLabel, eli:title, rdfs:label)) }
}"""
)

ROWS = """
SELECT ?s ?p ?o ?label (isIRI(?o) AS ?isIri) WHERE {
  ?s ?p ?o .
  OPTIONAL { ?o skos:prefLabel|eli:title|rdfs:label ?label . FILTER(LANG(?label) IN ("zh", "")) }
} ORDER BY ?p ?o"""


def resource_iri(path: str) -> str:
    """`/id/{path}` → the canonical IRI the graph uses."""
    return RESOURCE_BASE + path.lstrip("/")


def describe(svc, path: str, accept: str | None):
    """The resource's triples in the format the client accepts (a QueryResult: body + media type)."""
    result = svc.store.query(
        DESCRIBE, bindings={"s": URIRef(resource_iri(path))}, accept=accept, timeout=svc.timeout
    )
    if not result.count:
        raise NotFound(
            f"no resource {resource_iri(path)}",
            "IRIs look like /id/region/220100 or /id/doc/…/art/3",
        )
    return result


def properties(svc, path: str) -> dict:
    """Properties and values of a resource for the HTML page: [(predicate, value, label, is_iri)]."""
    iri = resource_iri(path)
    rows = svc.select(ROWS, s=URIRef(iri))
    if not rows:
        raise NotFound(f"no resource {iri}", "IRIs look like /id/region/220100 or /id/doc/…/art/3")
    seen, props = set(), []
    for r in rows:
        key = (r["p"], r["o"])
        if key in seen:
            continue
        seen.add(key)
        props.append(
            {
                "predicate": r["p"],
                "predicate_short": curie(r["p"]),
                "value": str(r["o"]),
                "label": r.get("label"),
                "is_iri": bool(r["isIri"]),
            }
        )
    title = next(
        (p["value"] for p in props if p["predicate_short"] in ("skos:prefLabel", "eli:title")), iri
    )
    return {"iri": iri, "title": title, "properties": props}


def curie(iri: str) -> str:
    """prefix:local for the project's prefixes, else the IRI."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and prefix != "pgr":
            return f"{prefix}:{iri[len(ns) :]}"
    return iri
