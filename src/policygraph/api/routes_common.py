"""Shared pieces of the REST routes: the service, paging parameters, and JSON responses that speak
the server's public IRI prefix (settings.base_iri) instead of the canonical one."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from ..namespaces import RESOURCE_BASE

MAX_LIMIT = 1000


class Paging:
    """`?limit=` (1…1000, default 50) and `?offset=`; out of range is a 400 in the error envelope."""

    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size (1–1000)")] = 50,
        offset: Annotated[int, Query(ge=0, description="items to skip")] = 0,
    ):
        self.limit = limit
        self.offset = offset

    def page(self, items: list) -> dict:
        return {
            "items": items[self.offset : self.offset + self.limit],
            "total": len(items),
            "limit": self.limit,
            "offset": self.offset,
        }


PageParams = Annotated[Paging, Depends()]


def rebase(request: Request, text: str) -> str:
    """Canonical resource IRIs → the public prefix this server was started with."""
    base = request.app.state.settings.base_iri
    return text if base == RESOURCE_BASE else text.replace(RESOURCE_BASE, base)


def canonical(request: Request, iri: str) -> str:
    """A public IRI from a client → the canonical IRI the graph uses."""
    base = request.app.state.settings.base_iri
    return (
        RESOURCE_BASE + iri[len(base) :] if base != RESOURCE_BASE and iri.startswith(base) else iri
    )


def respond(request: Request, data: Any, status: int = 200) -> Response:
    """JSON (UTF-8, not \\u-escaped) with IRIs rebased."""
    body = rebase(request, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return Response(body.encode("utf-8"), status_code=status, media_type="application/json")


async def call(request: Request, fn, *args, **kwargs) -> Any:
    """Run a service function off the event loop with the app's service."""
    return await run_in_threadpool(fn, request.app.state.service, *args, **kwargs)


def example(data: Any, description: str = "OK") -> dict:
    """An OpenAPI `responses` entry with an example body."""
    return {200: {"description": description, "content": {"application/json": {"example": data}}}}


CLAUSE_EXAMPLE = {
    "iri": RESOURCE_BASE + "doc/000_e2dd2b49d853fc19-10/art/3",
    "id": "000_e2dd2b49d853fc19-10/art/3",
    "document": "000_e2dd2b49d853fc19-10",
    "doc_title": "关于推进长春—公主岭同城化协同发展规划实施的若干政策",
    "number": 3,
    "title": "…",
}


def list_example(item: dict) -> dict:
    return example({"items": [item], "total": 1, "limit": 50, "offset": 0})
