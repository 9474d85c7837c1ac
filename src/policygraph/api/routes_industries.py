"""/industries: the SKOS tree, one concept, and clauses naming it or a narrower concept."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from ..service import industries
from .routes_common import CLAUSE_EXAMPLE, PageParams, call, example, list_example, respond

router = APIRouter(tags=["industries"])
INDUSTRY: dict[str, Any] = {
    "id": "automotive",
    "name": "汽车",
    "name_en": "Automotive",
    "broader": None,
    "clauses": 5,
    "narrower": [],
}


@router.get(
    "/industries",
    summary="Industry concepts as a tree (skos:narrower)",
    responses=list_example(INDUSTRY),
)
async def industry_tree(request: Request, paging: PageParams) -> Response:
    return respond(request, paging.page(await call(request, industries.industry_tree)))


@router.get("/industries/{ref}", summary="An industry by id or label", responses=example(INDUSTRY))
async def get_industry(request: Request, ref: str) -> Response:
    return respond(request, await call(request, industries.get_industry, ref))


@router.get(
    "/industries/{ref}/clauses",
    summary="Clauses naming the industry or a narrower one",
    responses=list_example({**CLAUSE_EXAMPLE, "industries": [{"iri": "…", "name": "汽车零部件"}]}),
)
async def industry_clauses(request: Request, ref: str, paging: PageParams) -> Response:
    return respond(request, paging.page(await call(request, industries.clauses_for_industry, ref)))
