"""SHACL validation as a small report: shape, focus node, message and the source line it
points at, so a violation reads like a compiler error, not like a results graph."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from .namespaces import OA, PG, SH
from .paths import SHAPES_FILE


@dataclass(frozen=True)
class Finding:
    severity: str  # Violation | Warning | Info
    focus: str
    path: str | None
    message: str  # English
    message_zh: str | None
    shape: str | None
    value: str | None
    file: str | None
    line: int | None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: " if self.file and self.line else ""
        path = f" {self.path}" if self.path else ""
        return f"{where}{self.severity}: {self.focus}{path} — {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    findings: tuple[Finding, ...]

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "Violation"]

    def as_dict(self) -> dict:
        return {
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "findings": [asdict(f) for f in self.findings],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def load_shapes(path: Path = SHAPES_FILE) -> Graph:
    return hoist_property_shapes(Graph().parse(path, format="turtle"))


def hoist_property_shapes(shapes: Graph) -> Graph:
    """Give each property shape its node shape's targets and drop the sh:property link.

    Equivalent for validation (same focus nodes, same paths, same messages), but pyshacl then
    checks a property shape once for all focus nodes instead of once per focus node — the
    difference between seconds and a fraction of one on the seed graph.
    """
    hoisted = Graph()
    for prefix, ns in shapes.namespaces():
        hoisted.bind(prefix, ns)
    for triple in shapes:
        hoisted.add(triple)
    for node_shape, prop in list(shapes.subject_objects(SH.property)):
        targets = [(t, o) for t in TARGETS for o in shapes.objects(node_shape, t)]
        if not targets or (node_shape, SH.deactivated, None) in shapes:
            continue
        for t, o in targets:
            hoisted.add((prop, t, o))
        hoisted.remove((node_shape, SH.property, prop))
    return hoisted


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Core-SHACL validation (no inference) plus the offset checks SHACL cannot do cheaply."""
    shapes = shapes if shapes is not None else load_shapes()
    conforms, results, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        allow_warnings=True,
        abort_on_first=False,
    )
    findings = [_finding(data, results, r) for r in results.subjects(RDF.type, SH.ValidationResult)]
    findings.extend(check_offsets(data))
    findings.sort(key=lambda f: (f.severity != "Violation", f.file or "", f.line or 0, f.focus))
    ok = not any(f.severity == "Violation" for f in findings)
    return ValidationReport(ok and bool(conforms or ok), tuple(findings))


def check_offsets(data: Graph) -> list[Finding]:
    """Every selector must lie inside its source file (a cross-node check kept out of SHACL)."""
    lengths = {s: int(str(o)) for s, o in data.subject_objects(PG.characterCount)}
    out = []
    for sel in data.subjects(RDF.type, OA.TextPositionSelector):
        value = data.value(sel, OA.end)
        src = data.value(sel, PG.sourceFile)
        if value is None or src not in lengths:
            continue
        end = int(str(value))
        if end > lengths[src]:
            file, line = _location(data, sel)
            out.append(
                Finding(
                    "Violation",
                    str(sel),
                    str(OA.end),
                    f"end offset {end} is past the end of the source ({lengths[src]} characters)",
                    f"结束位置 {end} 超出源文件长度 {lengths[src]}",
                    None,
                    str(end),
                    file,
                    line,
                )
            )
    return out


def _finding(data: Graph, results: Graph, r) -> Finding:
    focus = results.value(r, SH.focusNode)
    severity = str(results.value(r, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1]
    messages = list(results.objects(r, SH.resultMessage))
    en = next((str(m) for m in messages if isinstance(m, Literal) and m.language == "en"), None)
    zh = next((str(m) for m in messages if isinstance(m, Literal) and m.language == "zh"), None)
    path = results.value(r, SH.resultPath)
    value = results.value(r, SH.value)
    shape = results.value(r, SH.sourceShape)
    file, line = _location(data, focus)
    return Finding(
        severity=severity,
        focus=str(focus),
        path=str(path) if isinstance(path, URIRef) else None,
        message=en or (str(messages[0]) if messages else "constraint violated"),
        message_zh=zh,
        shape=str(shape) if isinstance(shape, URIRef) else None,
        value=str(value) if value is not None else None,
        file=file,
        line=line,
    )


def _location(data: Graph, node) -> tuple[str | None, int | None]:
    """The source file and line a node came from, through its selector (or itself)."""
    if node is None:
        return None, None
    for candidate in (node, data.value(node, PG.source), data.value(node, PG.clause)):
        if candidate is None:
            continue
        sel = (
            candidate
            if data.value(candidate, PG.line) is not None
            else data.value(candidate, PG.source)
        )
        if sel is None:
            continue
        line = data.value(sel, PG.line)
        src = data.value(sel, PG.sourceFile)
        if line is not None:
            name = data.value(src, DCTERMS.identifier) if src else None
            return (str(name) if name else None), int(line)
    return None, None
