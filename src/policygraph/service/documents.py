"""Policy documents: the list (from the catalog) and one document with its preamble, plans and clauses."""

from __future__ import annotations

from rdflib import URIRef

DOCUMENT = """
SELECT ?doc ?preamble ?plan ?planTitle ?file ?start ?end ?line WHERE {
  ?doc a pg:PolicyDocument .
  OPTIONAL { ?doc pg:preamble ?preamble }
  OPTIONAL { ?doc pg:implementsPlan ?plan . ?plan eli:title ?planTitle }
  OPTIONAL { ?doc pg:source ?src . ?src oa:start ?start ; oa:end ?end ; pg:line ?line ;
             pg:sourceFile/dcterms:identifier ?file }
}"""

SECTIONS = """
SELECT ?doc ?section ?number ?title ?position WHERE {
  ?section a pg:Section ; eli:is_part_of ?doc ; pg:position ?position .
  OPTIONAL { ?section eli:number ?number } OPTIONAL { ?section eli:title ?title }
} ORDER BY ?position"""


def list_documents(svc) -> list[dict]:
    """Every document in reading order, with its clause_count and plan ids."""
    return [dict(item) for item in svc.catalog.documents.items.values()]


def get_document(svc, ref: str) -> dict:
    """One document by id (e.g. 000_e2dd2b49d853fc19-01), IRI or title, with sections and clause summaries."""
    item = dict(svc.catalog.documents.get(ref))
    rows = svc.select(DOCUMENT, doc=URIRef(item["iri"]))
    first = rows[0] if rows else {}
    item["preamble"] = first.get("preamble")
    item["source"] = (
        {"file": first["file"], "start": first["start"], "end": first["end"], "line": first["line"]}
        if "file" in first
        else None
    )
    item["plans"] = sorted({(r["plan"], r["planTitle"]) for r in rows if r.get("plan")})
    item["plans"] = [{"iri": iri, "title": title} for iri, title in item["plans"]]
    item["sections"] = [
        {
            "iri": r["section"],
            "number": r.get("number"),
            "title": r.get("title"),
            "position": r["position"],
        }
        for r in svc.select(SECTIONS, doc=URIRef(item["iri"]))
    ]
    item["clauses"] = [
        c for c in svc.catalog.summaries(svc.catalog.clauses) if c["document"] == item["id"]
    ]
    return item
