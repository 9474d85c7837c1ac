"""/queries: the saved queries of queries/*.rq, listed with their headers and run with bound parameters."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from ..query import get_query, load_queries, run_query
from ..sparql.negotiation import TABULAR_FORMATS, content_type_header
from .routes_common import PageParams, example, list_example, rebase, respond

router = APIRouter(tags=["queries"])
PAGING = {"limit", "offset"}


@router.get(
    "/queries",
    summary="Saved queries with title, description and parameters",
    responses=list_example(
        {
            "name": "clauses-for-region",
            "title": "…",
            "description": "…",
            "params": [{"name": "region", "type": "string", "example": "长春"}],
        }
    ),
)
async def list_queries(request: Request, paging: PageParams) -> Response:
    return respond(request, paging.page([q.as_dict() for q in load_queries().values()]))


@router.get(
    "/queries/{name}",
    summary="Run a saved query; other query parameters bind its variables",
    responses=example(
        {
            "name": "clauses-for-region",
            "params": {"region": "长春"},
            "columns": ["clause"],
            "items": [{"clause": "…"}],
            "total": 1,
            "limit": 50,
            "offset": 0,
        }
    ),
)
async def run_saved(request: Request, name: str, paging: PageParams) -> Response:
    query = get_query(name)
    values = {k: v for k, v in request.query_params.items() if k not in PAGING}
    accept = request.headers.get("accept", "")
    raw = next((t for t in TABULAR_FORMATS if t in accept), None)  # an explicit SPARQL results type
    result = await run_in_threadpool(
        run_query,
        request.app.state.store,
        query,
        values,
        accept=raw or "application/sparql-results+json",
    )
    if raw:
        return Response(rebase(request, result.text), media_type=content_type_header(raw))
    answer = json.loads(result.body)
    columns = answer["head"]["vars"]
    rows = [{k: v["value"] for k, v in row.items()} for row in answer["results"]["bindings"]]
    return respond(
        request, {"name": name, "params": values, "columns": columns, **paging.page(rows)}
    )
