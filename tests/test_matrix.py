"""Responsibility matrices: a hand-checked expectation for two whole documents, CSV = XLSX = JSON,
totals = responsibility nodes, and agreement with the independent clause export."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from policygraph.analysis.data import ROLES, clause_region_reasons, load_data
from policygraph.analysis.matrix import VIEWS, MatrixQuery, build_matrix
from policygraph.cli import main
from policygraph.errors import InputError
from policygraph.export.clauses import iter_clause_records, load_graph
from policygraph.export.matrix import csv_bytes, export_matrix, json_bytes, matrix_rows
from policygraph.store import OxigraphStore

EXPECTED = Path(__file__).parent / "data" / "matrix_doc06_doc10.csv"
ORG = "https://w3id.org/policygraph/id/org/"


@pytest.fixture(scope="module")
def built(seed_build) -> Path:
    """The session's seed build (tests/conftest.py); these tests only read it."""
    return seed_build.out_dir


@pytest.fixture(scope="module")
def store(seed_store):
    return seed_store


@pytest.fixture(scope="module")
def data(store):
    return load_data(store)


def sparql_count(store, where: str) -> int:
    from policygraph.analysis.data import select

    return int(select(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0]["n"])


def expected_rows() -> set[tuple[int, int, str, str]]:
    lines = [x for x in EXPECTED.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    return {
        (int(r["document"]), int(r["clause"]), r["department"], r["role"])
        for r in csv.DictReader(lines)
    }


def test_two_documents_match_the_hand_checked_expectation(data):
    m = build_matrix(data, MatrixQuery(cols="clause", documents=("6", "10")))
    got = set()
    for (row, col), cell in m.cells.items():
        header = next(c for c in m.cols if c.iri == col)
        for role in ROLES:
            assert cell.by_role[role] in (0, 1)
            if cell.by_role[role]:
                got.add(
                    (
                        header.extra["document_position"],
                        header.extra["number"],
                        row.removeprefix(ORG),
                        role,
                    )
                )
    expected = expected_rows()
    assert got == expected, f"missing {sorted(expected - got)}; unexpected {sorted(got - expected)}"
    assert m.total == 151
    per_doc = Counter(h.extra["document_position"] for h in m.cols)
    assert per_doc == {6: 18, 10: 30}  # every clause of both documents carries a responsibility


def test_document_view_of_the_two_documents(data):
    m = build_matrix(data, MatrixQuery(cols="document", documents=("6", "10")))
    expected = Counter((doc, dept, role) for doc, _, dept, role in expected_rows())
    by_position = {c.iri: c.extra["position"] for c in m.cols}
    got = Counter()
    for (row, col), cell in m.cells.items():
        for role in ROLES:
            if cell.by_role[role]:
                got[(by_position[col], row.removeprefix(ORG), role)] = cell.by_role[role]
    assert got == expected
    assert m.col_total(next(c.iri for c in m.cols if c.extra["position"] == 6)).count == 49
    assert m.col_total(next(c.iri for c in m.cols if c.extra["position"] == 10)).count == 102


@pytest.mark.parametrize("view", ["clause", "document"])
def test_totals_equal_the_responsibility_nodes(data, store, view):
    n = sparql_count(store, "?r a pg:Responsibility")
    m = build_matrix(data, MatrixQuery(cols=view))
    assert m.total == n == 626
    assert sum(m.row_total(r.iri).count for r in m.rows) == n
    assert sum(m.col_total(c.iri).count for c in m.cols) == n
    for role in ROLES:
        assert m.grand_total().by_role[role] == sparql_count(
            store, f"?r a pg:Responsibility ; prov:hadRole pg:{role}"
        )


def test_matrix_agrees_with_the_clause_export(data, built):
    """Done-when: department × document equals (department_iri, role) counted per document from
    the clause export, which reads the graph file with rdflib — an independent path."""
    from_export = Counter()
    for record in iter_clause_records(load_graph(built / "graph.nt")):
        for r in record["responsibilities"]:
            from_export[(r["department_iri"], record["document_iri"], r["role"])] += 1
    m = build_matrix(data, MatrixQuery(cols="document"))
    from_matrix = Counter(
        {
            (row, col, role): cell.by_role[role]
            for (row, col), cell in m.cells.items()
            for role in ROLES
            if cell.by_role[role]
        }
    )
    assert from_matrix == from_export


def parse_csv(body: bytes) -> tuple[list[str], dict[tuple[str, str], str], dict[str, list[str]]]:
    """(column iris, cells by (row iri, col iri), tail values by row iri) from the CSV."""
    assert body.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    header = rows[0]
    iris = next(r for r in rows if r[0] == "#" and r[3] == "column iri")[4:]
    iris = [i for i in iris if i]
    cells, tails = {}, {}
    for r in rows[1:]:
        if r[0] == "#":
            continue
        for iri, value in zip(iris, r[4 : 4 + len(iris)], strict=True):
            if value:
                cells[(r[3], iri)] = value
        tails[r[3]] = r[4 + len(iris) :]
    assert header[4 + len(iris) :][-1] == "total"
    return iris, cells, tails


@pytest.mark.parametrize("view", VIEWS)
def test_xlsx_holds_the_same_numbers_as_the_csv(data, view):
    query = MatrixQuery(cols=view)
    iris, cells, tails = parse_csv(export_matrix(data, query, "csv"))
    wb = load_workbook(io.BytesIO(export_matrix(data, query, "xlsx")))
    sheet = wb[f"dept×{view}"]
    assert {"clauses", "legend"} <= set(wb.sheetnames)
    assert sheet.freeze_panes == "E4"
    assert sheet.auto_filter.ref.startswith("A3:")
    values = list(sheet.iter_rows(values_only=True))
    assert [v for v in values[0][4:] if v] == iris
    symbols = {"●": "lead", "○": "support", "◆": "responsible"}
    xlsx_cells, xlsx_tails = {}, {}
    for row in values[3:]:
        if row[1] == "total":
            continue
        for iri, value in zip(iris, row[4 : 4 + len(iris)], strict=True):
            if value not in (None, ""):
                xlsx_cells[(row[3], iri)] = (
                    "+".join(symbols[ch] for ch in value) if view == "clause" else str(value)
                )
        xlsx_tails[row[3]] = [str(v) for v in row[4 + len(iris) :]]
    assert xlsx_cells == cells
    assert xlsx_tails == tails
    if view == "clause":  # clause cells link to the clause's row on the clauses sheet
        linked = [c for row in sheet.iter_rows(min_row=4) for c in row if c.hyperlink]
        assert linked and all(c.hyperlink.location.startswith("clauses!A") for c in linked)


def test_json_cells_and_totals(data):
    m = build_matrix(data, MatrixQuery(cols="region"))
    body = json.loads(json_bytes([m]))
    assert body["view"] == "department×region"
    assert body["total"] == sum(c["count"] for c in body["cells"]) == m.total
    assert all(set(c["by_reason"]) == {"named", "contained"} for c in body["cells"])
    assert all(sum(c["by_reason"].values()) == c["count"] for c in body["cells"])
    assert {r["level"] for r in body["rows"]} <= {
        "province",
        "city",
        "central agency",
        "collective",
        "enterprise",
    }


def test_rows_group_by_level_and_sort(data):
    order = ["province", "city", "central agency", "collective", "enterprise"]
    by_total = build_matrix(data, MatrixQuery(cols="document", sort="total"))
    levels = [order.index(r.group) for r in by_total.rows]
    assert levels == sorted(levels)
    province = [by_total.row_total(r.iri).count for r in by_total.rows if r.group == "province"]
    assert province == sorted(province, reverse=True)
    by_name = build_matrix(data, MatrixQuery(cols="region", sort="name"))
    assert [c.name for c in by_name.cols] == sorted(c.name for c in by_name.cols)


def test_filters(data, store):
    leads = build_matrix(data, MatrixQuery(cols="document", roles=("lead",)))
    assert leads.total == sparql_count(store, "?r prov:hadRole pg:lead")
    changchun = build_matrix(data, MatrixQuery(cols="clause", regions=("长春市",)))
    assert changchun.cols and all(
        "https://w3id.org/policygraph/id/region/220100" in clause_region_reasons(data, c.iri)
        for c in changchun.cols
    )
    gongzhuling = build_matrix(data, MatrixQuery(cols="region", regions=("gongzhuling",)))
    assert "https://w3id.org/policygraph/id/region/220184" in {c.iri for c in gongzhuling.cols}
    plain = build_matrix(data, MatrixQuery(cols="industry"))
    rolled = build_matrix(data, MatrixQuery(cols="industry", rollup=True))
    assert rolled.total > plain.total and len(rolled.cols) >= len(plain.cols)
    assert rolled.grand_total().by_reason["broader"] == rolled.total - plain.total
    with pytest.raises(InputError, match="no document matches"):
        build_matrix(data, MatrixQuery(documents=("no such document",)))
    with pytest.raises(InputError, match="unknown role"):
        MatrixQuery(roles=("boss",)).check()


def test_region_reasons_are_kept(data):
    m = build_matrix(data, MatrixQuery(cols="region"))
    grand = m.grand_total()
    assert grand.by_reason["named"] > 0 and grand.by_reason["contained"] > 0
    rows = matrix_rows(m)
    assert rows[0][-3:] == ["named", "contained", "total"]


def test_cli_export_matrix(built, tmp_path, capsys):
    out = tmp_path / "m.xlsx"
    store = str(built / "store")
    assert main(["export", "matrix", "--cols", "all", "-o", str(out), "--store", store]) == 0
    assert set(load_workbook(out).sheetnames) == {f"dept×{v}" for v in VIEWS} | {
        "clauses",
        "legend",
    }
    assert (
        main(
            [
                "export",
                "matrix",
                "--cols",
                "clause",
                "--role",
                "lead",
                "--document",
                "10",
                "--format",
                "json",
                "--store",
                store,
            ]
        )
        == 0
    )
    body = json.loads(capsys.readouterr().out)
    assert body["total"] == 60 and body["filters"]["role"] == ["lead"]
    csv_out = tmp_path / "m.csv"
    assert (
        main(["export", "matrix", "--cols", "document", "-o", str(csv_out), "--store", store]) == 0
    )
    assert csv_out.read_bytes() == csv_bytes(
        build_matrix(load_data(OxigraphStore.open(Path(store))), MatrixQuery(cols="document"))
    )
    assert main(["export", "matrix", "--document", "nope", "--store", store]) == 2
    assert "no document matches 'nope'" in capsys.readouterr().err
    assert main(["export", "matrix", "--store", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert "no store here" in err and "policygraph build" in err and "Traceback" not in err
