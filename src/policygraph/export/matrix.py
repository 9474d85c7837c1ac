"""Writing responsibility matrices as CSV (Excel-friendly), XLSX (legend, clauses) and JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import IO

from ..analysis.data import ROLES, GraphData
from ..analysis.matrix import SYMBOLS, Matrix
from ..errors import InputError

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}
ROW_FIELDS = ("level", "department", "department_en", "iri")
VIEW_TITLES = {
    "clause": "department×clause",
    "document": "department×document",
    "region": "department×region",
    "industry": "department×industry",
}
META = {
    "clause": ("document", "number", "title"),
    "document": ("position",),
    "region": ("code", "pinyin"),
    "industry": ("name_en",),
}


def _meta(m: Matrix, field: str) -> list:
    out = []
    for h in m.cols:
        if field == "pinyin" or field == "name_en":
            out.append(h.name_en)
        else:
            out.append(h.extra.get(field, ""))
    return out


def _tail(m: Matrix) -> list[str]:
    return [*ROLES, *m.reasons, "total"]


def _row_tail(m: Matrix, total) -> list[int]:
    return [
        *(total.by_role[r] for r in ROLES),
        *(total.by_reason[r] for r in m.reasons),
        total.count,
    ]


def matrix_rows(m: Matrix) -> list[list]:
    """The table tabular formats share: header, '#' metadata rows, department rows, totals."""
    rows: list[list] = [[*ROW_FIELDS, *(h.name for h in m.cols), *_tail(m)]]
    rows.append(["#", "", "", "column iri", *(h.iri for h in m.cols)])
    for field in META[m.view]:
        rows.append(["#", "", "", f"column {field}", *_meta(m, field)])
    for h in m.rows:
        texts = [m.cell_text(h.iri, c.iri) for c in m.cols]
        cells: list = texts if m.view == "clause" else [int(x) if x else "" for x in texts]
        rows.append([h.group, h.name, h.name_en, h.iri, *cells, *_row_tail(m, m.row_total(h.iri))])
    totals = [m.col_total(c.iri).count for c in m.cols]
    grand = _row_tail(m, m.grand_total())
    rows.append(["#", "total", "", "", *totals, *grand])
    return rows


def write_csv(m: Matrix, out: IO[str]) -> int:
    """CSV text; open the file with encoding utf-8-sig (or use csv_bytes) so Excel reads Chinese."""
    writer = csv.writer(out, lineterminator="\r\n")
    rows = matrix_rows(m)
    writer.writerows(rows)
    return len(m.rows)


def csv_bytes(m: Matrix) -> bytes:
    """UTF-8 with BOM: the one encoding Excel opens correctly without an import dialog."""
    buf = io.StringIO()
    write_csv(m, buf)
    return buf.getvalue().encode("utf-8-sig")


def to_json(m: Matrix) -> dict:
    """A self-describing JSON object: rows and columns with IRIs and totals, sparse cells."""

    def total(t) -> dict:
        return {
            "count": t.count,
            "by_role": {r: t.by_role[r] for r in ROLES},
            **({"by_reason": {r: t.by_reason[r] for r in m.reasons}} if m.reasons else {}),
        }

    return {
        "view": f"department×{m.view}",
        "filters": m.filters,
        "legend": {r: SYMBOLS[r] for r in ROLES},
        "rows": [
            {
                "iri": h.iri,
                "name": h.name,
                "name_en": h.name_en,
                "level": h.group,
                **total(m.row_total(h.iri)),
            }
            for h in m.rows
        ],
        "columns": [
            {
                "iri": h.iri,
                "name": h.name,
                "name_en": h.name_en,
                "group": h.group,
                **{k: v for k, v in h.extra.items() if k != "text"},
                **total(m.col_total(h.iri)),
            }
            for h in m.cols
        ],
        "cells": [
            {"row": r.iri, "col": c.iri, **total(m.cells[(r.iri, c.iri)])}
            for r in m.rows
            for c in m.cols
            if (r.iri, c.iri) in m.cells
        ],
        "total": m.total,
    }


def json_bytes(matrices: Sequence[Matrix]) -> bytes:
    body = to_json(matrices[0]) if len(matrices) == 1 else {"views": [to_json(m) for m in matrices]}
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def xlsx_bytes(matrices: Sequence[Matrix], data: GraphData) -> bytes:
    """One sheet per view, then 'clauses' (clause cells link to its rows) and 'legend'."""
    from ..analysis.workbook import write_workbook

    buf = io.BytesIO()
    write_workbook(matrices, data, buf)
    return buf.getvalue()


def matrix_filename(query, fmt: str) -> str:
    """A name saying what is inside, e.g. matrix-department-region-lead-长春市.xlsx."""
    filters = [*query.roles, *query.documents, *query.regions, *query.industries]
    parts = [
        "matrix",
        "department",
        query.cols,
        *(f.rstrip("/").rsplit("/", 1)[-1] for f in filters),
    ]
    return (
        "-".join("".join(ch for ch in p if ch not in '\\/:*?"<>| ') for p in parts)[:150]
        + f".{fmt}"
    )


def export_matrix(data: GraphData, query, fmt: str) -> bytes:
    """The matrix (or, with cols 'all', every view) in one file format."""
    from dataclasses import replace

    from ..analysis.matrix import VIEWS, build_matrix

    if fmt not in ("csv", "xlsx", "json"):
        raise InputError("--format", f"unknown format {fmt!r}", "use csv, xlsx or json")
    views = VIEWS if query.cols == "all" else (query.cols,)
    if fmt == "csv" and len(views) > 1:
        raise InputError(
            "--cols",
            "CSV holds one view",
            "pick one of --cols clause|document|region|industry, or use --format xlsx/json for all",
        )
    matrices = [build_matrix(data, replace(query, cols=v)) for v in views]
    if fmt == "csv":
        return csv_bytes(matrices[0])
    if fmt == "json":
        return json_bytes(matrices)
    return xlsx_bytes(matrices, data)
