"""One source of truth: every project term used in code, shapes and saved queries is defined in
ontology/policygraph.ttl, and every term defined there is used somewhere."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph

from policygraph.namespaces import PG_IRI

ROOT = Path(__file__).resolve().parents[1]


def defined_terms() -> set[str]:
    g = Graph().parse(ROOT / "ontology" / "policygraph.ttl")
    return {str(s)[len(PG_IRI) :] for s in g.subjects() if str(s).startswith(PG_IRI)}


def used_terms() -> dict[str, set[str]]:
    uses: dict[str, set[str]] = {}
    files = [
        *ROOT.glob("src/policygraph/**/*.py"),
        ROOT / "ontology" / "shapes.ttl",
        *ROOT.glob("queries/*.rq"),
    ]
    for path in files:
        text = path.read_text("utf-8")
        found = set(re.findall(r"\bPG\.([A-Za-z]\w*)", text)) | set(
            re.findall(r"(?<![\w/#])pg:([A-Za-z]\w*)", text)
        )
        for term in found:
            uses.setdefault(term, set()).add(str(path.relative_to(ROOT)))
    return uses


def test_every_used_term_is_defined():
    missing = {t: sorted(f) for t, f in used_terms().items() if t not in defined_terms()}
    assert missing == {}


def test_every_defined_term_is_used():
    unused = (
        defined_terms()
        - set(used_terms())
        - {"RoleScheme", "RegionLevelScheme", "DepartmentLevelScheme", "AmountKindScheme"}
    )
    assert unused == set()
