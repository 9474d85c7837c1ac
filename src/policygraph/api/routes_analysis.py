"""Analysis routes: responsibility matrices (/matrix), networks (/analysis/…) and figures
(/figures/…), computed from the app's store and cached per server: the store is read-only."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode

import networkx as nx
from fastapi import APIRouter, Query, Request, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from ..analysis import network as nw
from ..analysis.data import ROLES, GraphData, load_data
from ..analysis.figures import FORMATS as IMAGE_TYPES
from ..analysis.figures import NAMES, render
from ..analysis.matrix import SYMBOLS, Matrix, MatrixQuery, build_matrix, resolve_documents
from ..errors import InputError
from ..export.matrix import FORMATS as MATRIX_TYPES
from ..export.matrix import export_matrix, matrix_filename
from ..sparql.errors import NotAcceptable

Multi = Annotated[list[str] | None, Query()]

router = APIRouter(tags=["analysis"])
_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
)
_lock = threading.Lock()
WARNING_HEADER = "X-Policygraph-Warning"


def _load(request: Request) -> GraphData:
    """The graph data, read once per app (the store does not change while the server runs)."""
    with _lock:
        data = getattr(request.app.state, "analysis_data", None)
        if data is None:
            data = load_data(request.app.state.store)
            request.app.state.analysis_data = data
        return data


async def _data(request: Request) -> GraphData:
    return await run_in_threadpool(_load, request)


def _disposition(filename: str, inline: bool = False) -> str:
    """Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987)."""
    ascii_name = "".join(ch if ch.isascii() and ch not in '"\\' else "_" for ch in filename)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def _negotiate(request: Request, given: str | None, offered: dict[str, str], default: str) -> str:
    """?format= wins; else the first Accept type we offer (q-values respected); else the default."""
    if given:
        if given not in offered:
            raise InputError(
                "format", f"unknown format {given!r}", f"use one of {', '.join(offered)}"
            )
        return given
    accept = request.headers.get("accept", "")
    if not accept.strip():
        return default
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = next((float(p[2:]) for p in params if p.startswith("q=") and _is_float(p[2:])), 1.0)
        ranked.append((-q, i, media.lower()))
    for neg_q, _, media in sorted(ranked):
        if neg_q == 0:
            continue
        if media in ("*/*", "") or (
            media.endswith("/*") and offered[default].startswith(media[:-1])
        ):
            return default
        for fmt, media_type in offered.items():
            if media_type.split(";")[0] == media:
                return fmt
    raise NotAcceptable(sorted(v.split(";")[0] for v in offered.values()), accept)


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@router.get("/matrix", summary="Responsibility matrix (CSV, XLSX, JSON or an HTML table)")
async def matrix(
    request: Request,
    cols: str = "document",
    rows: str = "department",
    role: Multi = None,
    document: Multi = None,
    region: Multi = None,
    industry: Multi = None,
    sort: str = "total",
    rollup: bool = False,
    format: str | None = None,
) -> Response:
    if rows != "department":
        raise InputError("rows", f"unknown row kind {rows!r}", "rows are departments")
    fmt = _negotiate(request, format, MATRIX_TYPES, "json")
    query = MatrixQuery(
        cols,
        tuple(role or ()),
        tuple(document or ()),
        tuple(region or ()),
        tuple(industry or ()),
        sort,
        rollup,
    ).check()
    data = await _data(request)
    if fmt == "html":
        if cols == "all":
            raise InputError(
                "cols", "the HTML page shows one view", "pick clause, document, region or industry"
            )
        page = await run_in_threadpool(_matrix_page, request, build_matrix(data, query))
        return Response(page, media_type=MATRIX_TYPES["html"], headers={"Vary": "Accept"})
    body = await run_in_threadpool(export_matrix, data, query, fmt)
    name = matrix_filename(query, fmt)
    return Response(
        body,
        media_type=MATRIX_TYPES[fmt],
        headers={"Content-Disposition": _disposition(name, inline=fmt == "json"), "Vary": "Accept"},
    )


def _matrix_page(request: Request, m: Matrix) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "format"]
    links = {
        fmt: f"{request.url.path}?{urlencode([*params, ('format', fmt)])}"
        for fmt in ("csv", "xlsx", "json")
    }
    tail = [*ROLES, *m.reasons, "total"]
    cols = [
        {
            "iri": c.iri,
            "name": c.name,
            "tooltip": f"{c.extra.get('document', '')} {c.extra.get('text', '')[:300]}".strip()
            or c.name_en,
        }
        for c in m.cols
    ]
    rows = []
    for r in m.rows:
        cells = []
        for c in m.cols:
            cell = m.cells.get((r.iri, c.iri))
            if cell is None:
                cells.append({"text": "", "cls": "", "tooltip": ""})
                continue
            role = next(x for x in ROLES if cell.by_role[x])
            detail = ", ".join(
                f"{k} {v}" for k, v in [*cell.by_role.items(), *cell.by_reason.items()] if v
            )
            cells.append(
                {
                    "text": m.cell_text(r.iri, c.iri, symbols=True),
                    "tooltip": detail,
                    "cls": ("c " + role) if m.view == "clause" else "n",
                }
            )
        t = m.row_total(r.iri)
        rows.append(
            {
                "iri": r.iri,
                "name": r.name,
                "name_en": r.name_en,
                "group": r.group,
                "cells": cells,
                "tail": [
                    *(t.by_role[k] for k in ROLES),
                    *(t.by_reason[k] for k in m.reasons),
                    t.count,
                ],
            }
        )
    g = m.grand_total()
    return _templates.get_template("matrix.html").render(
        title=f"部门 × {m.view} responsibility matrix",
        legend=SYMBOLS,
        total=m.total,
        filters=m.filters,
        links=links,
        cols=cols,
        rows=rows,
        tail=tail,
        col_totals=[m.col_total(c.iri).count for c in m.cols],
        grand=[*(g.by_role[k] for k in ROLES), *(g.by_reason[k] for k in m.reasons), g.count],
    )


def _graph_response(g, fmt: str, text: str | None, name: str) -> Response:
    body = nw.serialise(g, fmt, text)
    headers = {} if fmt == "json" else {"Content-Disposition": _disposition(f"{name}.{_EXT[fmt]}")}
    return Response(body, media_type=nw.MEDIA_TYPES[fmt], headers=headers)


_EXT = {"json": "json", "graphml": "graphml", "gexf": "gexf", "text": "md"}


@router.get(
    "/analysis/network", summary="Co-responsibility network (JSON; ?format=graphml|gexf|text)"
)
async def analysis_network(
    request: Request, format: str = "json", document: Multi = None, directed: bool = False
) -> Response:
    if format not in nw.FORMATS:
        raise InputError(
            "format", f"unknown format {format!r}", f"use one of {', '.join(nw.FORMATS)}"
        )
    data = await _data(request)
    docs = resolve_documents(data, document)

    def work():
        g = nw.co_responsibility(data, docs)
        text = nw.network_report(g, nw.lead_support(data, docs)) if format == "text" else None
        return (nw.lead_support(data, docs) if directed else g), text

    g, text = await run_in_threadpool(work)
    return _graph_response(g, format, text, "lead-support" if directed else "co-responsibility")


@router.get("/analysis/regions", summary="Regions reached by plans, corridors and clauses")
async def analysis_regions(request: Request, format: str = "json") -> Response:
    if format not in nw.FORMATS:
        raise InputError(
            "format", f"unknown format {format!r}", f"use one of {', '.join(nw.FORMATS)}"
        )
    data = await _data(request)
    g = await run_in_threadpool(nw.region_reach, data)
    if format == "json":
        body = {"regions": nw.region_rows(g), "graph": nx.node_link_data(g, edges="links")}
        return Response(json.dumps(body, ensure_ascii=False), media_type="application/json")
    return _graph_response(g, format, nw.regions_report(g) if format == "text" else None, "regions")


@router.get("/figures/{filename}", summary="A figure: heatmap, network or regions as .png or .svg")
async def figure(request: Request, filename: str, document: Multi = None) -> Response:
    name, _, ext = filename.rpartition(".")
    if name not in NAMES or ext not in IMAGE_TYPES:
        raise InputError(
            "figures",
            f"no figure {filename!r}",
            f"use /figures/NAME.png or .svg with NAME one of {', '.join(NAMES)}",
        )
    data = await _data(request)
    image = await run_in_threadpool(render, name, data, ext, resolve_documents(data, document))
    headers = {"Content-Disposition": _disposition(filename, inline=True)}
    if image.warnings:
        headers[WARNING_HEADER] = "; ".join(image.warnings)
    return Response(image.body, media_type=image.media_type, headers=headers)
