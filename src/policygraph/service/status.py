"""Health, statistics and the SHACL report of the loaded graph."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import display_path
from .base import NotFound

CLASSES = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class . FILTER(!isBlank(?s)) }
GROUP BY ?class ORDER BY ?class"""

ROLES = """
SELECT ?role (COUNT(?r) AS ?n) WHERE { ?r a pg:Responsibility ; prov:hadRole ?role } GROUP BY ?role"""

SHORT = {
    "https://w3id.org/policygraph/ontology#": "pg:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/ns/oa#": "oa:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://www.w3.org/2002/07/owl#": "owl:",
}


def _short(iri: str) -> str:
    for ns, prefix in SHORT.items():
        if iri.startswith(ns):
            return prefix + iri[len(ns) :]
    return iri


def stats(svc) -> dict:
    """Instances per class (data and ontology), documents, clauses and responsibilities by role."""
    per_class = {_short(r["class"]): r["n"] for r in svc.select(CLASSES)}
    roles = {_short(r["role"]).removeprefix("pg:"): r["n"] for r in svc.select(ROLES)}
    return {
        "classes": per_class,
        "documents": per_class.get("pg:PolicyDocument", 0),
        "clauses": per_class.get("pg:Clause", 0),
        "responsibilities": sum(roles.values()),
        "responsibilities_by_role": roles,
        "regions": per_class.get("pg:Region", 0),
        "departments": per_class.get("pg:Department", 0),
    }


def validation(report_file: Path | None, graph_file: Path | None) -> dict:
    """The build's SHACL section of report.json, or (missing) a fresh validation of the graph file."""
    if report_file and report_file.is_file():
        shacl = json.loads(report_file.read_text(encoding="utf-8")).get("shacl")
        if shacl is not None:
            return {"source": display_path(report_file), **shacl}
    if graph_file and graph_file.is_file():
        from ..export.clauses import load_graph
        from ..validate import validate_graph

        return {
            "source": display_path(graph_file),
            **validate_graph(load_graph(graph_file)).as_dict(),
        }
    raise NotFound(
        "no validation report for this store",
        "build with `policygraph build` (it writes report.json next to the store)",
    )
