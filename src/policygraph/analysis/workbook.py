"""The XLSX workbook: a sheet per matrix view with frozen headers, filters and symbols, a
'clauses' sheet the clause cells link to, and a legend, so staff can work in Excel alone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from .data import ROLES, GraphData
from .matrix import SYMBOLS, Matrix

HEADER = Font(bold=True)
META_FONT = Font(color="808080", size=8)
FILLS = {
    "lead": PatternFill("solid", fgColor="F4B183"),
    "support": PatternFill("solid", fgColor="BDD7EE"),
    "responsible": PatternFill("solid", fgColor="C5E0B4"),
}
ROLE_ZH = {"lead": "牵头", "support": "配合", "responsible": "负责"}
SHEET_NAMES = {
    "clause": "dept×clause",
    "document": "dept×document",
    "region": "dept×region",
    "industry": "dept×industry",
}


def write_workbook(matrices: Sequence[Matrix], data: GraphData, out: IO[bytes]) -> None:
    """Matrices first (in the order given), then 'clauses' and 'legend'."""
    wb = Workbook()
    wb.remove(wb.active)
    clause_rows = _clause_rows(data)
    for m in matrices:
        _matrix_sheet(wb, m, clause_rows)
    _clauses_sheet(wb, data, clause_rows)
    _legend_sheet(wb, matrices)
    wb.save(out)


def _clause_rows(data: GraphData) -> dict[str, int]:
    ordered = sorted(
        data.clauses.values(), key=lambda c: (data.documents[c.document].position, c.position)
    )
    return {c.iri: i + 2 for i, c in enumerate(ordered)}


def _matrix_sheet(wb: Workbook, m: Matrix, clause_rows: dict[str, int]) -> None:
    """Layout: rows 1-2 column IRI and group, row 3 the header, data, a totals row."""
    ws = wb.create_sheet(SHEET_NAMES[m.view])
    first = 5  # columns A-D: level, department, department_en, iri
    tail = [*ROLES, *m.reasons, "total"]
    ws.cell(1, 4, "column iri").font = META_FONT
    ws.cell(2, 4, "document" if m.view == "clause" else "group").font = META_FONT
    for j, h in enumerate(
        ["level", "department", "department_en", "iri", *(c.name for c in m.cols), *tail], start=1
    ):
        ws.cell(3, j, h).font = HEADER
    for j, c in enumerate(m.cols, start=first):
        ws.cell(1, j, c.iri).font = META_FONT
        ws.cell(2, j, c.group or c.name_en).font = META_FONT
        head = ws.cell(3, j)
        head.alignment = Alignment(text_rotation=90 if m.view == "clause" else 0, wrap_text=True)
        if m.view == "clause":
            head.comment = Comment(
                _clip(f"{c.extra['document']} 第{c.extra['number']}条\n{c.extra['text']}"),
                "policygraph",
                width=400,
                height=200,
            )
    for i, r in enumerate(m.rows, start=4):
        for j, v in enumerate([r.group, r.name, r.name_en, r.iri], start=1):
            ws.cell(i, j, v)
        for j, c in enumerate(m.cols, start=first):
            cell = m.cells.get((r.iri, c.iri))
            if cell is None:
                continue
            target = ws.cell(i, j)
            if m.view == "clause":
                target.value = m.cell_text(r.iri, c.iri, symbols=True)
                target.fill = FILLS[next(role for role in ROLES if cell.by_role[role])]
                target.hyperlink = Hyperlink(
                    ref=target.coordinate,
                    location=f"clauses!A{clause_rows[c.iri]}",
                    tooltip=_clip(c.extra["text"], 200),
                )
                target.alignment = Alignment(horizontal="center")
            else:
                target.value = cell.count
                detail = ", ".join(
                    f"{k} {v}" for k, v in [*cell.by_role.items(), *cell.by_reason.items()] if v
                )
                target.comment = Comment(detail, "policygraph", width=200, height=60)
        total = m.row_total(r.iri)
        tail_values = [
            *(total.by_role[k] for k in ROLES),
            *(total.by_reason[k] for k in m.reasons),
            total.count,
        ]
        for j, n in enumerate(tail_values, start=first + len(m.cols)):
            ws.cell(i, j, n)
    last = 4 + len(m.rows)
    ws.cell(last, 2, "total").font = HEADER
    for j, c in enumerate(m.cols, start=first):
        ws.cell(last, j, m.col_total(c.iri).count).font = HEADER
    grand = m.grand_total()
    grand_values = [
        *(grand.by_role[k] for k in ROLES),
        *(grand.by_reason[k] for k in m.reasons),
        grand.count,
    ]
    for j, n in enumerate(grand_values, start=first + len(m.cols)):
        ws.cell(last, j, n).font = HEADER
    width = first - 1 + len(m.cols) + len(tail)
    ws.freeze_panes = ws.cell(4, first)
    ws.auto_filter.ref = f"A3:{get_column_letter(width)}{max(last - 1, 3)}"
    for col, w in zip("ABCD", (14, 28, 30, 12), strict=True):
        ws.column_dimensions[col].width = w
    for j in range(first, width + 1):
        ws.column_dimensions[get_column_letter(j)].width = 4 if m.view == "clause" else 10
    if m.view == "clause":
        ws.row_dimensions[3].height = 150


def _clip(text: str, n: int = 600) -> str:
    return text if len(text) <= n else text[:n] + "…"


def _clauses_sheet(wb: Workbook, data: GraphData, rows: dict[str, int]) -> None:
    ws = wb.create_sheet("clauses")
    for j, h in enumerate(
        ["document", "number", "title", "text", "responsibilities", "iri"], start=1
    ):
        ws.cell(1, j, h).font = HEADER
    by_clause: dict[str, list[str]] = {}
    for r in data.responsibilities:
        by_clause.setdefault(r.clause, []).append(
            f"{SYMBOLS[r.role]}{data.department_name(r.department)}"
        )
    for iri, i in rows.items():
        c = data.clauses[iri]
        values = [
            data.documents[c.document].title,
            c.number,
            c.title,
            c.text,
            "、".join(sorted(by_clause.get(iri, []))),
            iri,
        ]
        for j, v in enumerate(values, start=1):
            ws.cell(i, j, v)
        ws.cell(i, 4).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:F{max(rows.values(), default=1)}"
    for col, w in zip("ABCDEF", (40, 8, 24, 80, 40, 50), strict=True):
        ws.column_dimensions[col].width = w


def _legend_sheet(wb: Workbook, matrices: Sequence[Matrix]) -> None:
    ws = wb.create_sheet("legend")
    lines = [("symbol", "role", "角色")]
    lines += [(SYMBOLS[r], r, ROLE_ZH[r]) for r in ROLES]
    lines += [
        ("", "", ""),
        (
            "clause cells",
            "link to the clause's row on the 'clauses' sheet; header comments hold the text",
            "",
        ),
        ("count cells", "responsibilities; the cell comment splits them by role and reason", ""),
        (
            "region reasons",
            "named = the clause names the region; contained = it names a zone or "
            "sub-region inside it",
            "",
        ),
        (
            "industry reasons",
            "named = the clause names the industry; broader = rolled up from a narrower industry",
            "",
        ),
        ("", "", ""),
    ]
    lines += [("filters", f"{SHEET_NAMES[m.view]}: {m.filters}", "") for m in matrices]
    for i, line in enumerate(lines, start=1):
        for j, v in enumerate(line, start=1):
            ws.cell(i, j, v)
    for j in range(1, 4):
        ws.cell(1, j).font = HEADER
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 90
