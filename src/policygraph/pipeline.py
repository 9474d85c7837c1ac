"""build(): the one place that chains the stages — parse, extract and map to RDF, validate,
write — timing each, so report.json says where the time went."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF

from . import __version__
from .errors import InputError, display_path
from .extract.facts import extract_clause_facts
from .model import SourceFile, Span, Warning
from .namespaces import PREFIXES, bind_prefixes
from .parse import parse_source
from .paths import BUILD_DIR, ONTOLOGY_FILE, SOURCES_DIR
from .rdf import add_reference, add_source
from .reference import load_reference
from .resolve import Resolver
from .store import load_store
from .validate import ValidationReport, validate_graph

Progress = Callable[[str], None]
GRAPH_FILES = ("graph.jsonld", "graph.nt", "graph.ttl")


@dataclass
class BuildResult:
    graph: Graph
    sources: list[SourceFile]
    validation: ValidationReport | None
    warnings: list[Warning]
    timings: dict[str, float] = field(default_factory=dict)
    out_dir: Path | None = None

    @property
    def conforms(self) -> bool:
        return self.validation is None or self.validation.conforms

    @property
    def exit_code(self) -> int:
        return 0 if self.conforms else 1


def find_sources(paths: Iterable[str | Path] | None = None) -> list[Path]:
    """The files named, or every *.txt under data/sources/ (sorted, so builds are repeatable)."""
    if not paths:
        found = sorted(SOURCES_DIR.glob("*.txt"))
        if not found:
            raise InputError(
                display_path(SOURCES_DIR),
                "no *.txt source files found",
                "copy the policy text dumps into data/sources/",
            )
        return found
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.glob("*.txt")))
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(display_path(p), "no such file or directory")
    return out


def parse_all(files: list[Path], progress: Progress) -> list[SourceFile]:
    parsed = []
    for n, f in enumerate(files, 1):
        sf = parse_source(f)
        clauses = sum(len(d.clauses) for d in sf.documents)
        progress(
            f"  parse [{n}/{len(files)}] {sf.path}: {len(sf.documents)} documents, "
            f"{clauses} clauses"
        )
        parsed.append(sf)
    return parsed


def to_graph(parsed: list[SourceFile], resolver: Resolver) -> tuple[Graph, list[Warning]]:
    graph = Graph()
    bind_prefixes(graph)
    add_reference(graph, resolver.reference)
    warnings: list[Warning] = []
    for sf in parsed:

        def span_of(offsets: tuple[int, ...], start: int, end: int, sf=sf) -> Span:
            lo, hi = offsets[start], offsets[end - 1] + 1
            return Span(sf.path, lo, hi, sf.line_of(lo))

        warnings.extend(
            add_source(
                graph,
                sf,
                resolver,
                lambda c: extract_clause_facts(c, resolver.gazetteer, resolver.industries, span_of),
            )
        )
    return graph, warnings


def build(
    sources: Iterable[str | Path] | None = None,
    out_dir: Path | None = BUILD_DIR,
    progress: Progress | None = None,
    validate: bool = True,
) -> BuildResult:
    say = progress or (lambda _msg: None)
    timings: dict[str, float] = {}

    def timed(stage: str, started: float) -> None:
        timings[stage] = round(perf_counter() - started, 4)
        say(f"{stage}: {timings[stage]:.2f} s")

    t = perf_counter()
    files = find_sources(sources)
    resolver = Resolver(load_reference())
    timed("load", t)

    t = perf_counter()
    parsed = parse_all(files, say)
    timed("parse", t)

    t = perf_counter()
    graph, warnings = to_graph(parsed, resolver)
    warnings = [w for sf in parsed for w in sf.warnings] + warnings
    timed("extract+rdf", t)

    validation = None
    if validate:
        t = perf_counter()
        validation = validate_graph(graph)
        timed("validate", t)
        say(
            f"  SHACL: {'conforms' if validation.conforms else 'DOES NOT CONFORM'} "
            f"({len(validation.violations)} violations, {len(validation.warnings)} warnings)"
        )

    result = BuildResult(graph, parsed, validation, warnings, timings, out_dir)
    if out_dir is not None:
        t = perf_counter()
        write_outputs(result, out_dir)
        timed("write", t)
        if result.conforms:
            t = perf_counter()
            load_store([out_dir / "graph.nt", ONTOLOGY_FILE], out_dir / "store")
            timed("store", t)
        timings["total"] = round(sum(v for k, v in timings.items() if k != "total"), 4)
        write_report(result, out_dir)
    return result


def write_outputs(result: BuildResult, out_dir: Path) -> None:
    """Graph files are replaced atomically, and only by a conformant graph; a rejected graph
    goes to rejected/ for inspection."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir if result.conforms else out_dir / "rejected"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        write_graph_files(result.graph, Path(tmp))
        for name in GRAPH_FILES:
            os.replace(Path(tmp) / name, target / name)
    if result.conforms and (out_dir / "rejected").exists():
        shutil.rmtree(out_dir / "rejected")


def write_graph_files(graph: Graph, directory: Path) -> None:
    """Sorted N-Triples (byte-identical across rebuilds, so diffs show real changes), and
    Turtle and JSON-LD written by Oxigraph, which is some fifty times faster than rdflib here."""
    data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted(set(line for line in data.splitlines() if line.strip()))
    nt = "\n".join(lines) + "\n"
    (directory / "graph.nt").write_text(nt, encoding="utf-8")
    triples = [q.triple for q in ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
    for name, fmt in (("graph.ttl", ox.RdfFormat.TURTLE), ("graph.jsonld", ox.RdfFormat.JSON_LD)):
        with open(directory / name, "wb") as out:
            ox.serialize(triples, out, format=fmt, prefixes=PREFIXES)


def class_counts(graph: Graph) -> dict[str, int]:
    counts = Counter(
        graph.namespace_manager.normalizeUri(str(o)) for o in graph.objects(None, RDF.type)
    )
    return dict(sorted(counts.items()))


def write_report(result: BuildResult, out_dir: Path) -> dict:
    report = {
        "policygraph": __version__,
        "conforms": result.conforms,
        "sources": [
            {
                "file": sf.path,
                "sha256": sf.sha256,
                "documents": len(sf.documents),
                "clauses": sum(len(d.clauses) for d in sf.documents),
            }
            for sf in result.sources
        ],
        "triples": len(result.graph),
        "counts": class_counts(result.graph),
        "warnings": [str(w) for w in result.warnings],
        "shacl": result.validation.as_dict() if result.validation else None,
        "timings_s": result.timings,
        "outputs": sorted(GRAPH_FILES)
        if result.conforms
        else [f"rejected/{n}" for n in sorted(GRAPH_FILES)],
    }
    (out_dir / "report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return report
