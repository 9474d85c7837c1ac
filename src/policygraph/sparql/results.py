"""Query results as bytes plus media type: picklable across processes, re-serialisable on demand."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from .negotiation import BOOLEAN_FORMATS, GRAPH_FORMATS, TABULAR_FORMATS

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_DIR_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"


@dataclass(frozen=True)
class QueryResult:
    """A serialised answer: kind is "bindings", "boolean" or "graph"; count is rows or triples."""

    kind: str
    media_type: str
    body: bytes
    count: int | None = None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def serialize(self, media_type: str) -> bytes:
        """The same answer in another offered format (parsed and rewritten by pyoxigraph)."""
        if media_type == self.media_type:
            return self.body
        if self.kind == "graph":
            triples = ox.parse(self.body, format=GRAPH_FORMATS[self.media_type])
            return ox.serialize(triples, format=GRAPH_FORMATS[media_type]) or b""
        formats = TABULAR_FORMATS if self.kind == "bindings" else BOOLEAN_FORMATS
        parsed = ox.parse_query_results(self.body, format=formats[self.media_type])
        return parsed.serialize(format=formats[media_type]) or b""


def term_to_json(term) -> dict:
    """One RDF term in the SPARQL 1.1 JSON results encoding (RDF 1.2 triple terms included)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
            if getattr(term, "direction", None) is not None:
                direction: Any = term.direction
                out["its:dir"] = str(getattr(direction, "value", direction)).lower()
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_to_json(term.subject),
                "predicate": term_to_json(term.predicate),
                "object": term_to_json(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


def solutions_to_json(variables: Sequence[str], rows: Iterable[ox.QuerySolution]) -> bytes:
    """SELECT results as SPARQL JSON, written here because the rows were already counted against the cap."""
    bindings = []
    for row in rows:
        bound = {}
        for name in variables:
            value = row[name]
            if value is not None:
                bound[name] = term_to_json(value)
        bindings.append(bound)
    document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def serialize_solutions(variables: Sequence[str], rows: list, media_type: str) -> bytes:
    """SELECT results in any tabular format (JSON directly, others via pyoxigraph)."""
    body = solutions_to_json(variables, rows)
    if media_type == "application/sparql-results+json":
        return body
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=TABULAR_FORMATS[media_type]) or b""


def serialize_boolean(value: bool, media_type: str) -> bytes:
    """ASK results in JSON or XML."""
    if media_type == "application/sparql-results+json":
        return json.dumps({"head": {}, "boolean": bool(value)}).encode("utf-8")
    parsed = ox.parse_query_results(
        b'{"head":{},"boolean":' + (b"true" if value else b"false") + b"}",
        format=ox.QueryResultsFormat.JSON,
    )
    return parsed.serialize(format=BOOLEAN_FORMATS[media_type]) or b""


def serialize_triples(
    triples: list, media_type: str, prefixes: dict[str, str] | None = None
) -> bytes:
    """CONSTRUCT/DESCRIBE results; prefixes only where the format has them (Turtle, RDF/XML)."""
    fmt = GRAPH_FORMATS[media_type]
    use_prefixes = prefixes if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(triples, format=fmt, prefixes=use_prefixes) or b""
