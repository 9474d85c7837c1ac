"""/search: substring search over clause text with highlighted snippets."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from ..service import search
from .routes_common import CLAUSE_EXAMPLE, PageParams, call, list_example, respond

router = APIRouter(tags=["search"])


@router.get(
    "/search",
    summary="Clauses containing every term; snippets wrap matches in <mark>",
    responses=list_example({**CLAUSE_EXAMPLE, "snippet": "…<mark>人才</mark>公寓…"}),
)
async def search_clauses(
    request: Request,
    paging: PageParams,
    q: Annotated[
        str,
        Query(min_length=1, description="terms separated by spaces (AND)", examples=["人才 公寓"]),
    ],
) -> Response:
    return respond(request, paging.page(await call(request, search.search, q)))
