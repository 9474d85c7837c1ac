"""The `policygraph` command: outputs, exit codes (0 ok, 1 not conformant, 2 bad input) and
error messages that name the file and line instead of printing a traceback."""

from __future__ import annotations

import csv
import io
import json

import pytest

from policygraph import pipeline
from policygraph.cli import main
from policygraph.validate import Finding, ValidationReport

REQUIRED_KEYS = {
    "doc_title",
    "section",
    "number",
    "title",
    "text",
    "responsibilities",
    "regions_mentioned",
    "industries",
    "amounts",
    "source",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli-build")
    assert main(["build", "--out", str(out), "--quiet"]) == 0
    return out


def test_build_writes_every_output(out):
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "report.json"):
        assert (out / name).stat().st_size > 0
    assert (out / "store").is_dir()


def test_build_progress_and_summary(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "parse [1/1]" in captured.err and "SHACL: conforms" in captured.err
    assert "230 clauses" in captured.out


def test_missing_source_is_bad_input(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "nope.txt: no such file or directory" in err and "Traceback" not in err


def test_undecodable_source_names_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xe5\x85\xb3\xe4\xba\x8e\n\xff\n")
    assert main(["build", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert "bad.txt:2: not UTF-8" in capsys.readouterr().err


def test_not_conformant_exits_1_and_keeps_the_good_graph(out, monkeypatch, capsys):
    before = (out / "graph.nt").read_bytes()
    finding = Finding(
        "Violation",
        "https://example.org/x",
        None,
        "broken",
        None,
        None,
        None,
        "000_e2dd2b49d853fc19.txt",
        12,
    )
    monkeypatch.setattr(pipeline, "validate_graph", lambda g: ValidationReport(False, (finding,)))
    assert main(["build", "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "000_e2dd2b49d853fc19.txt:12: Violation" in err
    assert (out / "graph.nt").read_bytes() == before
    assert (out / "rejected" / "graph.nt").is_file()
    assert json.loads((out / "report.json").read_text("utf-8"))["conforms"] is False


def test_validate_command(out, tmp_path, capsys):
    assert main(["validate", str(out / "graph.nt")]) == 0
    assert "conforms: 0 violations" in capsys.readouterr().out
    broken = tmp_path / "broken.nt"
    lines = (out / "graph.nt").read_text("utf-8").splitlines()
    broken.write_text("\n".join(x for x in lines if "ontology#document>" not in x) + "\n", "utf-8")
    assert main(["validate", str(broken), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["violations"] == 230


def test_export_clauses_jsonl(out, capsys):
    assert main(["export", "clauses", "--graph", str(out / "graph.nt")]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 230
    assert all(set(r) >= REQUIRED_KEYS for r in records)
    first = records[0]
    assert first["doc_title"] == "关于支持长春经济圈高质量发展的若干政策"
    assert (first["number"], first["title"], first["section"]) == (
        1,
        "支持重大产业项目发展",
        "产业政策",
    )
    gov = next(
        r for r in records if r["doc_title"].startswith("关于推进长春吉林") and r["number"] == 42
    )
    assert [(x["department"], x["role"]) for x in gov["responsibilities"]] == [
        ("长春市", "lead"),
        ("吉林市", "lead"),
    ]
    assert gov["regions_mentioned"] == ["长春市", "吉林市"]


def test_export_clauses_csv_file_has_bom(out, tmp_path):
    target = tmp_path / "clauses.csv"
    assert (
        main(
            [
                "export",
                "clauses",
                "--graph",
                str(out / "graph.nt"),
                "--format",
                "csv",
                "-o",
                str(target),
            ]
        )
        == 0
    )
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 231 and rows[0][:4] == ["doc_title", "section", "number", "title"]


def test_export_from_a_missing_graph(tmp_path, capsys):
    assert main(["export", "clauses", "--graph", str(tmp_path / "none.nt")]) == 2
    assert "graph file not found — run `policygraph build` first" in capsys.readouterr().err


def test_reference_lint(tmp_path, capsys):
    assert main(["reference", "lint"]) == 0
    assert main(["reference", "lint", str(tmp_path)]) == 2
    assert "regions.csv: file is missing" in capsys.readouterr().out


def test_a_home_without_ontology_is_a_message_not_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "POLICYGRAPH_HOME": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "policygraph.cli", "build"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "cannot read the ontology" in run.stderr and "Traceback" not in run.stderr
