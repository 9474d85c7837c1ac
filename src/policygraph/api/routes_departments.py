"""/departments: level, parent and counts by role; one department; the clauses it is named on."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from ..service import departments
from .routes_common import CLAUSE_EXAMPLE, PageParams, call, example, list_example, respond

router = APIRouter(tags=["departments"])
DEPT = {
    "id": "jl-fgw",
    "name": "吉林省发展和改革委员会",
    "short_names": ["省发展改革委"],
    "level": "provincial",
    "parent": "jl-gov",
    "clauses": {"responsible": 30, "lead": 10, "support": 2},
    "total": 42,
}


@router.get("/departments", summary="Departments, busiest first", responses=list_example(DEPT))
async def list_departments(request: Request, paging: PageParams) -> Response:
    return respond(request, paging.page(await call(request, departments.list_departments)))


@router.get(
    "/departments/{ref}", summary="A department by id, full or short name", responses=example(DEPT)
)
async def get_department(request: Request, ref: str) -> Response:
    return respond(request, await call(request, departments.get_department, ref))


@router.get(
    "/departments/{ref}/clauses",
    summary="Clauses naming the department, with its roles",
    responses=list_example(
        {**CLAUSE_EXAMPLE, "roles": [{"department_id": "jl-fgw", "role": "lead"}]}
    ),
)
async def department_clauses(
    request: Request,
    ref: str,
    paging: PageParams,
    role: Annotated[
        str | None, Query(description="lead, support or responsible", examples=["lead"])
    ] = None,
) -> Response:
    return respond(
        request, paging.page(await call(request, departments.clauses_for_department, ref, role))
    )
