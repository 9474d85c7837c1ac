"""The HTML summary: valid, self-contained, naming every document, the validation status and
carrying its figures inline."""

from __future__ import annotations

import base64
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policygraph.analysis.data import load_data
from policygraph.analysis.report import amounts_by_industry, build_report, load_build_report
from policygraph.cli import main
from policygraph.store import OxigraphStore

VOID = {"meta", "img", "br", "hr", "link", "input"}


class Checker(HTMLParser):
    """Tracks tag balance, image sources and any external reference."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.images: list[str] = []
        self.external: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        for key in ("src", "href"):
            if attrs.get(key, "").startswith(("http:", "https:", "//")):
                self.external.append(attrs[key])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


@pytest.fixture(scope="module")
def built(seed_build) -> Path:
    """The session's seed build (tests/conftest.py); these tests only read it."""
    return seed_build.out_dir


@pytest.fixture(scope="module")
def page(built) -> str:
    data = load_data(OxigraphStore.open(built / "store"))
    html, _ = build_report(data, load_build_report(built / "report.json"))
    return html


def test_report_is_valid_self_contained_html(page):
    assert page.startswith("<!DOCTYPE html>")
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == [] and checker.stack == []
    assert checker.external == []
    assert len(checker.images) == 3
    for src in checker.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_names_documents_and_validation(page, built):
    data = load_data(OxigraphStore.open(built / "store"))
    assert len(data.documents) == 10
    for doc in data.documents.values():
        assert doc.title in page
    assert "Validation status: <b>conforms</b>" in page
    assert "0 violations" in page


def test_report_without_build_report(built):
    data = load_data(OxigraphStore.open(built / "store"))
    html, _ = build_report(data, None)
    assert "Validation status: unknown" in html


def test_amounts_by_industry(built):
    data = load_data(OxigraphStore.open(built / "store"))
    rows = amounts_by_industry(data)
    assert rows and all(r[2] >= r[3] > 0 for r in rows)  # sum ≥ max, in 万元


def test_cli_report(built, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", "-o", str(out), "--store", str(built / "store")]) == 0
    text = out.read_text(encoding="utf-8")
    assert "conforms" in text and text.count("data:image/png;base64,") == 3
    assert main(["report", "--store", str(tmp_path / "missing")]) == 2
    assert "policygraph build" in capsys.readouterr().err
