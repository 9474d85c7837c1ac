"""Small literal helpers shared by the add_* functions."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from .. import iris
from ..model import Span
from ..namespaces import OA, PG, RDF

ROLE = {"responsible": PG.responsible, "lead": PG.lead, "support": PG.support}
AMOUNT_KIND = {"Exact": PG.Exact, "Range": PG.Range, "Cap": PG.Cap, "Threshold": PG.Threshold}


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def integer(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def add_span(graph, thing: URIRef, span: Span, source: URIRef) -> URIRef:
    """A TextPositionSelector: exact characters [start, end) of the original file."""
    node = iris.span_iri(thing)
    graph.add((thing, PG.source, node))
    graph.add((node, RDF.type, OA.TextPositionSelector))
    graph.add((node, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    graph.add((node, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    graph.add((node, PG.sourceFile, source))
    graph.add((node, PG.line, Literal(span.line, datatype=XSD.positiveInteger)))
    return node
