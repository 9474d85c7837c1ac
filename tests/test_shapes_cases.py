"""One Turtle file per SHACL case: valid/* must conform, each invalid/* must fail exactly where its
header says (`# expect: <path iri>` or `# expect: none` for node-level results, `# focus: <iri>`)."""

from __future__ import annotations

import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from policygraph.paths import SHAPES_FILE

CASES_DIR = Path(__file__).parent / "shapes"
VALID = sorted((CASES_DIR / "valid").glob("*.ttl"))
INVALID = sorted((CASES_DIR / "invalid").glob("*.ttl"))
HEADER = re.compile(r"^# (expect|focus): (?:<(\S+)>|(none))$", re.MULTILINE)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def _validate(path: Path, shapes: Graph) -> tuple[bool, Graph, str]:
    data = Graph().parse(path, format="turtle")
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=None, inference="none", advanced=False
    )
    return conforms, report, text


def _expected(path: Path) -> tuple[URIRef | None, URIRef]:
    """Read `# expect:` and `# focus:` from the file's first lines."""
    head = "".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:3])
    found = {key: iri for key, iri, _none in HEADER.findall(head)}
    assert "expect" in head and "focus" in found, f"{path.name}: missing # expect / # focus header"
    expect = found.get("expect")
    return (URIRef(expect) if expect else None), URIRef(found["focus"])


def test_there_are_cases() -> None:
    assert VALID
    assert len(INVALID) >= 10


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_case_conforms(path: Path, shapes: Graph) -> None:
    conforms, _report, text = _validate(path, shapes)
    assert conforms, text


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case_fails_where_expected(path: Path, shapes: Graph) -> None:
    expect_path, expect_focus = _expected(path)
    conforms, report, text = _validate(path, shapes)
    assert not conforms, f"{path.name} unexpectedly conforms"
    violations = {
        (report.value(r, SH.focusNode), report.value(r, SH.resultPath))
        for r in report.subjects(SH.resultSeverity, SH.Violation)
    }
    # Exactly one deliberate fault per file: every violation is at the expected focus and path.
    assert violations == {(expect_focus, expect_path)}, text
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        messages = {m.language for m in report.objects(result, SH.resultMessage)}
        assert {"zh", "en"} <= messages, f"{path.name}: result lacks a zh or en message"
