"""Responsibility matrices (department × clause | document | region | industry): one model that
every writer (CSV, XLSX, JSON, HTML) renders, so the formats cannot disagree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from .data import LEVEL_ORDER, ROLES, GraphData, clause_industry_reasons, clause_region_reasons

VIEWS = ("clause", "document", "region", "industry")
SORTS = ("total", "name")
SYMBOLS = {"lead": "●", "support": "○", "responsible": "◆"}
REASONS = {"region": ("named", "contained"), "industry": ("named", "broader")}


@dataclass
class Header:
    """A row or column: canonical name, IRI, a group (department or region level), extras."""

    iri: str
    name: str
    name_en: str = ""
    group: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Cell:
    count: int = 0
    by_role: Counter = field(default_factory=Counter)
    by_reason: Counter = field(default_factory=Counter)


@dataclass
class MatrixQuery:
    """The parameters the CLI `export matrix` and the API `/matrix` share."""

    cols: str = "document"
    roles: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    sort: str = "total"
    rollup: bool = False

    def check(self) -> MatrixQuery:
        """Refuse unknown views, sorts and roles before any work."""
        if self.cols not in (*VIEWS, "all"):
            raise InputError(
                "--cols", f"unknown view {self.cols!r}", f"use one of {', '.join(VIEWS)}"
            )
        if self.sort not in SORTS:
            raise InputError("--sort", f"unknown sort {self.sort!r}", "use total or name")
        for role in self.roles:
            if role not in ROLES:
                raise InputError(
                    "--role", f"unknown role {role!r}", f"use one of {', '.join(ROLES)}"
                )
        return self

    def filters(self) -> dict:
        return {
            "role": list(self.roles),
            "document": list(self.documents),
            "region": list(self.regions),
            "industry": list(self.industries),
            "rollup": self.rollup,
        }


@dataclass
class Matrix:
    view: str
    rows: list[Header]
    cols: list[Header]
    cells: dict[tuple[str, str], Cell]
    filters: dict
    reasons: tuple[str, ...] = ()

    def cell(self, row: str, col: str) -> Cell:
        return self.cells.get((row, col)) or Cell()

    def row_total(self, row: str) -> Cell:
        return sum_cells(c for (r, _), c in self.cells.items() if r == row)

    def col_total(self, col: str) -> Cell:
        return sum_cells(c for (_, k), c in self.cells.items() if k == col)

    @property
    def total(self) -> int:
        return sum(c.count for c in self.cells.values())

    def grand_total(self) -> Cell:
        return sum_cells(self.cells.values())

    def cell_text(self, row: str, col: str, symbols: bool = False) -> str:
        """Clause view: the role(s) (or their symbols); other views: the count, empty for zero."""
        cell = self.cells.get((row, col))
        if cell is None:
            return ""
        if self.view == "clause":
            names = [r for r in ROLES if cell.by_role[r]]
            return "".join(SYMBOLS[r] for r in names) if symbols else "+".join(names)
        return str(cell.count)


def sum_cells(cells) -> Cell:
    """Totals of several cells, by role and by reason too."""
    out = Cell()
    for c in cells:
        out.count += c.count
        out.by_role.update(c.by_role)
        out.by_reason.update(c.by_reason)
    return out


def _resolve(kind: str, values: tuple[str, ...], candidates: dict[str, list[str]]) -> set[str]:
    """Filter values → IRIs, matching an IRI, its last path segment, or any listed name exactly."""
    out: set[str] = set()
    for value in values:
        hits = {
            iri
            for iri, names in candidates.items()
            if value in (iri, iri.rsplit("/", 1)[-1]) or value in names
        }
        if not hits:
            raise InputError(
                f"--{kind}",
                f"no {kind} matches {value!r}",
                f"give an IRI, an id or an exact name (e.g. {_example(candidates)!r})",
            )
        out |= hits
    return out


def resolve_documents(data: GraphData, values) -> set[str] | None:
    """Document filter values (IRI, id, position 1-10 or exact title) → IRIs; None keeps all."""
    if not values:
        return None
    return _resolve(
        "document",
        tuple(values),
        {d.iri: [d.title, str(d.position)] for d in data.documents.values()},
    )


def _example(candidates: dict[str, list[str]]) -> str:
    return next(iter(candidates.values()))[0] if candidates else ""


def _keys(data: GraphData, view: str, clause: str, rollup: bool) -> dict[str, str]:
    """Column keys a responsibility on this clause falls under, with the reason for each."""
    if view == "clause":
        return {clause: ""}
    if view == "document":
        return {data.clauses[clause].document: ""}
    if view == "region":
        return clause_region_reasons(data, clause)
    return clause_industry_reasons(data, clause, rollup)


def build_matrix(data: GraphData, query: MatrixQuery) -> Matrix:
    """Count responsibilities into cells; rows are departments grouped by level."""
    query.check()
    if query.cols not in VIEWS:
        raise InputError(
            "--cols", "one matrix has one column kind", f"use one of {', '.join(VIEWS)}"
        )
    docs = resolve_documents(data, query.documents) or set()
    regions = _resolve(
        "region",
        query.regions,
        {p.iri: [p.name, p.pinyin] for p in data.places.values() if p.kind == "region"},
    )
    industries = _resolve(
        "industry", query.industries, {i.iri: [i.name, i.name_en] for i in data.industries.values()}
    )
    cells: dict[tuple[str, str], Cell] = {}
    for resp in data.responsibilities:
        clause = data.clauses.get(resp.clause)
        if clause is None or (query.roles and resp.role not in query.roles):
            continue
        if docs and clause.document not in docs:
            continue
        if regions and not regions & set(clause_region_reasons(data, clause.iri)):
            continue
        if industries and not industries & set(clause_industry_reasons(data, clause.iri, True)):
            continue
        for key, reason in _keys(data, query.cols, clause.iri, query.rollup).items():
            cell = cells.setdefault((resp.department, key), Cell())
            cell.count += 1
            cell.by_role[resp.role] += 1
            if reason:
                cell.by_reason[reason] += 1
    rows = [_department_header(data, iri) for iri in {r for r, _ in cells}]
    cols = [_column_header(data, query.cols, iri) for iri in {k for _, k in cells}]
    matrix = Matrix(query.cols, rows, cols, cells, query.filters(), REASONS.get(query.cols, ()))
    _sort(matrix, query.sort)
    return matrix


def _department_header(data: GraphData, iri: str) -> Header:
    d = data.departments.get(iri)
    if d is None:
        return Header(iri, iri.rsplit("/", 1)[-1], group="other")
    return Header(iri, d.name, d.name_en, d.level)


def _column_header(data: GraphData, view: str, iri: str) -> Header:
    if view == "clause":
        c = data.clauses[iri]
        doc = data.documents[c.document]
        return Header(
            iri,
            f"{doc.position}.{c.number} {c.title}".strip(),
            group=doc.title,
            extra={
                "document": doc.title,
                "document_iri": doc.iri,
                "document_position": doc.position,
                "number": c.number,
                "position": c.position,
                "title": c.title,
                "text": c.text,
            },
        )
    if view == "document":
        d = data.documents[iri]
        return Header(iri, d.title, extra={"position": d.position})
    if view == "region":
        p = data.places[iri]
        return Header(iri, p.name, p.pinyin, p.level, {"code": iri.rsplit("/", 1)[-1]})
    i = data.industries[iri]
    return Header(iri, i.name, i.name_en, extra={"broader": i.broader})


def _sort(m: Matrix, how: str) -> None:
    """Rows by level group, then total (desc) or name; clause and document columns keep document
    order, region and industry columns follow the same sort as the rows."""
    row_totals = {h.iri: m.row_total(h.iri).count for h in m.rows}
    col_totals = {h.iri: m.col_total(h.iri).count for h in m.cols}

    def row_key(h: Header):
        level = LEVEL_ORDER.get(h.group, len(LEVEL_ORDER))
        return (level, -row_totals[h.iri], h.name) if how == "total" else (level, h.name, h.iri)

    m.rows.sort(key=row_key)
    if m.view == "clause":
        m.cols.sort(key=lambda h: (h.extra["document_position"], h.extra["position"]))
    elif m.view == "document" and how == "name":
        m.cols.sort(key=lambda h: h.extra["position"])
    else:
        m.cols.sort(
            key=(lambda h: (-col_totals[h.iri], h.name))
            if how == "total"
            else (lambda h: (h.name, h.iri))
        )
