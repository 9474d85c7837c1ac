"""Every namespace, once. Project terms form a closed namespace read from the ontology itself,
so a term used in code but missing from ontology/policygraph.ttl fails at import."""

from __future__ import annotations

import re

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD, ClosedNamespace

from .errors import InputError, display_path
from .paths import ONTOLOGY_FILE

PG_IRI = "https://w3id.org/policygraph/ontology#"
RESOURCE_BASE = "https://w3id.org/policygraph/id/"

ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
SH = Namespace("http://www.w3.org/ns/shacl#")
PGR = Namespace(RESOURCE_BASE)


def _ontology_terms() -> list[str]:
    """Local names the ontology declares as subjects at the start of a line."""
    try:
        text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            display_path(ONTOLOGY_FILE),
            f"cannot read the ontology ({exc.strerror})",
            "run from a policygraph checkout or set POLICYGRAPH_HOME to one",
        ) from exc
    return sorted(set(re.findall(r"^pg:([A-Za-z][A-Za-z0-9_]*)\b", text, flags=re.MULTILINE)))


PG = ClosedNamespace(PG_IRI, _ontology_terms())

PREFIXES: dict[str, str] = {
    "pg": PG_IRI,
    "pgr": RESOURCE_BASE,
    "eli": str(ELI),
    "org": str(ORG),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "prov": str(PROV),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "geo": str(GEO),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def bind_prefixes(graph) -> None:
    """Give a graph the project's prefixes so serialisations stay readable."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)


def sparql_prologue() -> str:
    """PREFIX lines for queries composed in code."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
