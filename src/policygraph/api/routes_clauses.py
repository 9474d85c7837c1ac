"""/clauses: filtered lists (region, department, role, industry, text) and one clause in full."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse

from ..service import clauses
from ..service.base import local_id
from .routes_common import (
    CLAUSE_EXAMPLE,
    PageParams,
    call,
    canonical,
    example,
    list_example,
    respond,
)

router = APIRouter(tags=["clauses"])


@router.get(
    "/clauses",
    summary="Clauses, filtered; filters combine (AND)",
    responses=list_example(CLAUSE_EXAMPLE),
)
async def list_clauses(
    request: Request,
    paging: PageParams,
    region: Annotated[
        str | None, Query(description="region code, name or pinyin", examples=["公主岭"])
    ] = None,
    via: Annotated[
        str | None, Query(description="with region: reasons to keep", examples=["direct,contained"])
    ] = None,
    department: Annotated[
        str | None, Query(description="department id or name", examples=["省发展改革委"])
    ] = None,
    role: Annotated[
        str | None, Query(description="lead, support or responsible", examples=["lead"])
    ] = None,
    industry: Annotated[
        str | None, Query(description="industry id or label (narrower included)", examples=["汽车"])
    ] = None,
    q: Annotated[
        str | None,
        Query(description="text; space-separated terms must all occur", examples=["人才"]),
    ] = None,
    iri: Annotated[
        str | None, Query(description="a clause IRI: redirects to /clauses/{id}")
    ] = None,
) -> Response:
    if iri:
        return RedirectResponse(
            request.url_for(
                "get_clause", id=local_id(clauses.clause_iri(canonical(request, iri)), "doc/")
            ),
            307,
        )
    items = await call(
        request,
        clauses.list_clauses,
        region=region,
        via=via,
        department=department,
        role=role,
        industry=industry,
        q=q,
    )
    return respond(request, paging.page(items))


@router.get(
    "/clauses/{id:path}",
    summary="One clause: text, source span, responsibilities, places, values",
    responses=example(
        {
            **CLAUSE_EXAMPLE,
            "text": "…",
            "source": {"file": "000_e2dd2b49d853fc19.txt", "start": 0, "end": 10, "line": 1},
            "responsibilities": [],
        }
    ),
)
async def get_clause(request: Request, id: str) -> Response:
    return respond(request, await call(request, clauses.get_clause, id))
