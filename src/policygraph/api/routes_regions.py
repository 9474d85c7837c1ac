"""/regions: the region tree, one region, and every clause that applies to it (with reasons)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from ..service import regions
from .routes_common import CLAUSE_EXAMPLE, PageParams, example, list_example, respond

router = APIRouter(tags=["regions"])
REGION = {
    "code": "220184",
    "name": "公主岭市",
    "short_names": ["公主岭"],
    "pinyin": "gongzhuling",
    "level": "county",
    "parent": "220100",
}
REASON = {
    "reason": "contained",
    "evidence": "names 公主岭市, inside 长春市",
    "place": "公主岭市",
    "place_iri": "https://w3id.org/policygraph/id/region/220184",
    "kind": "region",
    "matched": ["公主岭"],
}

# Region lookups read only the caches loaded at startup, so they run on the event loop directly.


@router.get(
    "/regions",
    summary="The region tree: province → prefectures → counties",
    responses=list_example({**REGION, "children": []}),
)
async def region_tree(request: Request, paging: PageParams) -> Response:
    return respond(request, paging.page(regions.region_tree(request.app.state.service)))


@router.get(
    "/regions/{ref}",
    summary="A region by code, full or short name, or pinyin",
    responses=example(REGION),
)
async def get_region(request: Request, ref: str) -> Response:
    return respond(request, regions.get_region(request.app.state.service, ref))


@router.get(
    "/regions/{ref}/clauses",
    summary="Clauses applying to a region, each with its reasons",
    responses=list_example({**CLAUSE_EXAMPLE, "reasons": [REASON]}),
)
async def region_clauses(
    request: Request,
    ref: str,
    paging: PageParams,
    via: Annotated[
        str | None,
        Query(
            description="reasons to keep: direct,contained,group,province",
            examples=["direct,contained"],
        ),
    ] = None,
) -> Response:
    return respond(
        request, paging.page(regions.clauses_for_region(request.app.state.service, ref, via))
    )
