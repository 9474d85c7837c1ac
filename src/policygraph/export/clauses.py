"""One record per clause, with everything an analyst checks against the source: who is
responsible in what role, which places and industries it names, amounts, and where it is."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, SKOS

from ..errors import InputError, display_path
from ..namespaces import ELI, OA, PG, SCHEMA

ROLE_NAMES: dict[URIRef, str] = {
    PG.responsible: "responsible",
    PG.lead: "lead",
    PG.support: "support",
}
KIND_NAMES: dict[URIRef, str] = {
    PG.Exact: "exact",
    PG.Range: "range",
    PG.Cap: "cap",
    PG.Threshold: "threshold",
}
CSV_COLUMNS = (
    "doc_title",
    "section",
    "number",
    "title",
    "text",
    "responsibilities",
    "regions_mentioned",
    "industries",
    "amounts",
    "source_file",
    "source_start",
    "source_end",
    "iri",
)


def load_graph(path: Path) -> Graph:
    """A built graph file (N-Triples, Turtle or JSON-LD by extension)."""
    if not path.is_file():
        raise InputError(
            display_path(path),
            "graph file not found",
            "run `policygraph build` first or pass --graph FILE",
        )
    fmt = {".nt": "nt", ".ttl": "turtle", ".jsonld": "json-ld"}.get(path.suffix, "turtle")
    try:
        return Graph().parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise InputError(display_path(path), f"cannot read the graph ({exc})") from exc


def _zh(graph: Graph, node, prop=SKOS.prefLabel) -> str | None:
    values = list(graph.objects(node, prop))
    for v in values:
        if getattr(v, "language", None) == "zh":
            return str(v)
    return str(values[0]) if values else None


def _int(graph: Graph, node: Any, prop: Any) -> int:
    value = graph.value(node, prop)
    return int(str(value)) if value is not None else 0


def _float(graph: Graph, node: Any, prop: Any) -> float:
    return float(str(graph.value(node, prop)))


def iter_clause_records(graph: Graph) -> Iterator[dict]:
    """Clauses in document order, then clause order."""
    docs = sorted(
        graph.subjects(RDF.type, PG.PolicyDocument),
        key=lambda d: (str(graph.value(d, PROV.wasDerivedFrom)), _int(graph, d, PG.position)),
    )
    for doc in docs:
        clauses = sorted(
            graph.subjects(PG.document, doc), key=lambda c: _int(graph, c, PG.position)
        )
        for clause in clauses:
            yield clause_record(graph, doc, clause)


def clause_record(graph: Graph, doc: Any, clause: Any) -> dict:
    parent = graph.value(clause, ELI.is_part_of)
    section = _zh(graph, parent, ELI.title) if parent != doc else None
    span = graph.value(clause, PG.source)
    source_file = graph.value(span, PG.sourceFile)
    responsibilities = []
    for r in sorted(
        graph.objects(clause, PROV.qualifiedAttribution),
        key=lambda r: _int(graph, graph.value(r, PG.source), OA.start),
    ):
        agent = graph.value(r, PROV.agent)
        responsibilities.append(
            {
                "department": str(graph.value(r, PG.printedLabel)),
                "department_iri": str(agent),
                "department_name": _zh(graph, agent),
                "role": ROLE_NAMES[URIRef(str(graph.value(r, PROV.hadRole)))],
            }
        )
    mentions = sorted(
        graph.objects(clause, PG.hasMention),
        key=lambda m: _int(graph, graph.value(m, PG.source), OA.start),
    )
    regions: list[str] = []
    for m in mentions:
        target = graph.value(m, PG.mentionOf)
        if (target, RDF.type, PG.Region) in graph:
            name = _zh(graph, target)
            if name and name not in regions:
                regions.append(name)
    amounts = []
    for a in sorted(graph.objects(clause, PG.hasAmount), key=lambda a: str(a)):
        amounts.append(
            {
                "text": str(graph.value(a, PG.matchedText)),
                "kind": KIND_NAMES.get(URIRef(str(graph.value(a, PG.amountKind))), "exact"),
                "unit": "CNY" if (a, RDF.type, PG.MonetaryAmount) in graph else "percent",
                "min": _float(graph, a, SCHEMA.minValue),
                "max": _float(graph, a, SCHEMA.maxValue),
            }
        )
    title = graph.value(clause, ELI.title)
    return {
        "iri": str(clause),
        "doc_title": "".join(str(graph.value(doc, ELI.title)).split()),
        "document_iri": str(doc),
        "section": section,
        "number": _int(graph, clause, ELI.number),
        "title": str(title) if title is not None else None,
        "text": str(graph.value(clause, PG.text)),
        "responsibilities": responsibilities,
        "regions_mentioned": regions,
        "industries": sorted(
            _zh(graph, i) or str(i) for i in graph.objects(clause, PG.mentionsIndustry)
        ),
        "amounts": amounts,
        "periods": [
            {
                "start": _str(graph.value(p, DCAT.startDate)),
                "end": _str(graph.value(p, DCAT.endDate)),
            }
            for p in sorted(graph.objects(clause, DCTERMS.temporal), key=str)
        ],
        "citations": sorted(
            _zh(graph, c, ELI.title) or str(graph.value(c, ELI.id_local))
            for c in graph.objects(clause, ELI.cites)
        ),
        "source": {
            "file": str(graph.value(source_file, DCTERMS.identifier)),
            "start": _int(graph, span, OA.start),
            "end": _int(graph, span, OA.end),
        },
    }


def _str(value) -> str | None:
    return str(value) if value is not None else None


def write_jsonl(records: Iterator[dict], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterator[dict], out: TextIO) -> int:
    """Flat CSV; list cells are joined with '; ' (roles as 省科技厅:lead)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for r in records:
        writer.writerow(
            [
                r["doc_title"],
                r["section"] or "",
                r["number"],
                r["title"] or "",
                r["text"],
                "; ".join(f"{x['department']}:{x['role']}" for x in r["responsibilities"]),
                "; ".join(r["regions_mentioned"]),
                "; ".join(r["industries"]),
                "; ".join(a["text"] for a in r["amounts"]),
                r["source"]["file"],
                r["source"]["start"],
                r["source"]["end"],
                r["iri"],
            ]
        )
        n += 1
    return n
