"""One self-contained HTML summary per build (figures inline as base64 PNG), so it can be mailed or
archived without its assets."""

from __future__ import annotations

import base64
import json
from collections import Counter, defaultdict
from html import escape
from pathlib import Path

from .data import ROLES, GraphData
from .figures import NAMES, render
from .network import region_reach, region_rows

STYLE = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em}
body{max-width:1200px}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}
th{background:#f2f2f2}td.n{text-align:right}.ok{color:#1a7f37}.bad{color:#c00}img{max-width:100%}"""
CAPTIONS = {
    "heatmap": "Responsibilities per department and document",
    "network": "Co-responsibility network",
    "regions": "Clauses reaching each region",
}


def _table(head: list[str], rows: list[list]) -> str:
    def cell(v) -> str:
        return (
            f'<td class="n">{v:,}</td>'
            if isinstance(v, int | float)
            else f"<td>{escape(str(v))}</td>"
        )

    out = ["<table><tr>", *(f"<th>{escape(h)}</th>" for h in head), "</tr>"]
    out += ["<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in rows]
    return "".join(out) + "</table>"


def load_build_report(path: Path | None) -> dict | None:
    """build/report.json if present (the validation status lives there), else None."""
    if path is None or not Path(path).is_file():
        return None
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def validation_html(build: dict | None) -> str:
    if build is None:
        return '<p class="bad">Validation status: unknown (no build/report.json found)</p>'
    shacl = build.get("shacl", {})
    conforms = build.get("conforms", shacl.get("conforms"))
    label = "conforms" if conforms else "does not conform"
    return (
        f'<p class="{"ok" if conforms else "bad"}">Validation status: <b>{label}</b> — '
        f"{shacl.get('violations', 0)} violations, {shacl.get('warnings', 0)} warnings; "
        f"{build.get('triples', 0):,} triples; {len(build.get('warnings', []))} build warnings.</p>"
    )


def amounts_by_industry(data: GraphData) -> list[list]:
    """Sum and max of monetary maxValue per industry the amount's clause names (yuan)."""
    per: dict[str, list[float]] = defaultdict(list)
    for clause, value in data.amounts:
        for ind in data.clause_industries.get(clause, ()):
            per[ind].append(value)
    rows = [
        [
            data.industries[i].name if i in data.industries else i,
            len(v),
            round(sum(v) / 1e4),
            round(max(v) / 1e4),
        ]
        for i, v in per.items()
    ]
    return sorted(rows, key=lambda r: (-r[2], r[0]))


def build_report(data: GraphData, build: dict | None = None) -> tuple[str, list[str]]:
    """The HTML page and any warnings (e.g. figures drawn without a CJK font)."""
    warnings: list[str] = []
    docs = sorted(data.documents.values(), key=lambda d: d.position)
    per_doc_clauses = Counter(c.document for c in data.clauses.values())
    per_doc_resp = Counter(data.clauses[r.clause].document for r in data.responsibilities)
    sections = [f"<h1>policygraph summary</h1>{validation_html(build)}"]
    sections.append(
        "<h2>Counts</h2>"
        + _table(
            ["what", "count"],
            [
                ["documents", len(docs)],
                ["clauses", len(data.clauses)],
                ["responsibilities", len(data.responsibilities)],
                [
                    "departments with responsibilities",
                    len({r.department for r in data.responsibilities}),
                ],
                ["regions", sum(p.kind == "region" for p in data.places.values())],
                ["monetary amounts", len(data.amounts)],
                *([f"{k}", v] for k, v in sorted((build or {}).get("counts", {}).items())),
            ],
        )
    )
    sections.append(
        "<h2>Documents</h2>"
        + _table(
            ["#", "title", "clauses", "responsibilities", "plans"],
            [
                [
                    d.position,
                    d.title,
                    per_doc_clauses[d.iri],
                    per_doc_resp[d.iri],
                    "、".join(data.plans[p].title if p in data.plans else p for p in d.plans),
                ]
                for d in docs
            ],
        )
    )
    by_role: dict[str, Counter] = {role: Counter() for role in ROLES}
    for r in data.responsibilities:
        by_role[r.role][r.department] += 1
    parts = []
    for role in ROLES:
        top = sorted(by_role[role].items(), key=lambda kv: (-kv[1], kv[0]))[:10]
        parts.append(
            f"<h3>{role}</h3>"
            + _table(["department", "clauses"], [[data.department_name(d), n] for d, n in top])
        )
    sections.append("<h2>Top departments by role</h2>" + "".join(parts))
    sections.append(
        "<h2>Region coverage</h2>"
        + _table(
            ["region", "level", "direct", "via corridor", "via plan", "reached"],
            [
                [r["name"], r["level"], r["direct"], r["via_corridor"], r["via_plan"], r["reached"]]
                for r in region_rows(region_reach(data))
            ],
        )
    )
    sections.append(
        "<h2>Amounts by industry (万元, schema:maxValue)</h2>"
        + _table(["industry", "amounts", "sum", "max"], amounts_by_industry(data))
    )
    figures = []
    for name in NAMES:
        image = render(name, data, "png")
        warnings += [w for w in image.warnings if w not in warnings]
        b64 = base64.b64encode(image.body).decode("ascii")
        figures.append(
            f'<figure><img alt="{name}" src="data:image/png;base64,{b64}">'
            f"<figcaption>{CAPTIONS[name]}</figcaption></figure>"
        )
    sections.append("<h2>Figures</h2>" + "".join(figures))
    if warnings:
        sections.append('<p class="bad">' + "<br>".join(escape(w) for w in warnings) + "</p>")
    page = (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
        f"<title>policygraph summary</title><style>{STYLE}</style></head><body>"
        + "\n".join(sections)
        + "</body></html>\n"
    )
    return page, warnings
