"""The SPARQL service description (SD vocabulary), so clients can discover formats and limits."""

from __future__ import annotations

import pyoxigraph as ox

from .limits import Limits
from .negotiation import GRAPH_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
VOID_TRIPLES = ox.NamedNode("http://rdfs.org/ns/void#triples")
PREFIXES = {
    "sd": SD,
    "formats": FORMATS,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "void": "http://rdfs.org/ns/void#",
}

RESULT_FORMATS = [
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
]


def describe_service(endpoint: str, limits: Limits, triples: int | None = None) -> list[ox.Triple]:
    """Triples describing this endpoint: language, result formats, features, dataset and limits."""
    service = ox.NamedNode(endpoint)
    sd = lambda local: ox.NamedNode(SD + local)  # noqa: E731
    dataset, graph = ox.BlankNode(), ox.BlankNode()
    out = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), graph),
        ox.Triple(graph, RDF_TYPE, sd("Graph")),
        ox.Triple(
            service,
            RDFS_COMMENT,
            ox.Literal(
                f"Read-only. Queries stop after {limits.timeout:g} s; results over "
                f"{limits.max_rows:,} rows are refused; query text is limited to "
                f"{limits.max_query_bytes:,} bytes; SERVICE is "
                f"{'allowed' if limits.allow_service else 'refused'}.",
                language="en",
            ),
        ),
    ]
    out += [
        ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in RESULT_FORMATS
    ]
    # Only features the endpoint really has: it dereferences no URIs, has no union default graph
    # and accepts no updates (so EmptyGraphs is moot); federation only when switched on.
    if limits.allow_service:
        out.append(ox.Triple(service, sd("feature"), sd("BasicFederatedQuery")))
    if triples is not None:
        out.append(ox.Triple(graph, VOID_TRIPLES, ox.Literal(triples)))
    return out


def serialize_description(triples: list[ox.Triple], media_type: str) -> bytes:
    """The description in one of the RDF formats the endpoint offers."""
    fmt = GRAPH_FORMATS[media_type]
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
