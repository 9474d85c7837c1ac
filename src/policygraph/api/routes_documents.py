"""/documents: the policy documents, one by id."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from ..service import documents
from .routes_common import PageParams, call, example, list_example, respond

router = APIRouter(tags=["documents"])
DOC = {
    "id": "000_e2dd2b49d853fc19-01",
    "title": "关于支持长春经济圈高质量发展的若干政策",
    "position": 1,
    "clause_count": 14,
    "plans": ["changchun-economic-circle-plan"],
}


@router.get("/documents", summary="Policy documents in reading order", responses=list_example(DOC))
async def list_documents(request: Request, paging: PageParams) -> Response:
    return respond(request, paging.page(await call(request, documents.list_documents)))


@router.get(
    "/documents/{id}",
    summary="One document: preamble, plans, sections and clause summaries",
    responses=example(DOC),
)
async def get_document(request: Request, id: str) -> Response:
    return respond(request, await call(request, documents.get_document, id))
