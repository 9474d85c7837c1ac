"""/health, /stats and /validation."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from ..service import status
from .routes_common import call, example, respond

router = APIRouter(tags=["status"])


@router.get(
    "/health",
    summary="Liveness, triple count and store kind",
    responses=example({"status": "ok", "triples": 27500, "store": "oxigraph"}),
)
async def health(request: Request) -> Response:
    settings = request.app.state.settings
    kind = (
        "memory"
        if settings.store_path is None
        else ("remote" if str(settings.store_path).startswith("http") else "oxigraph")
    )
    return respond(
        request, {"status": "ok", "triples": request.app.state.triple_count, "store": kind}
    )


@router.get("/stats", summary="Instances per class, documents, clauses, responsibilities by role")
async def stats(request: Request) -> Response:
    return respond(request, await call(request, status.stats))


@router.get(
    "/validation", summary="SHACL report of the loaded graph (from the build's report.json)"
)
async def validation(request: Request) -> Response:
    settings = request.app.state.settings
    graph = settings.graph_file
    if isinstance(graph, tuple | list):  # in memory: the data file comes first, then the ontology
        graph = graph[0] if graph else None
    folder = settings.store_path.parent if settings.store_path else graph.parent if graph else None
    report = folder / "report.json" if folder else None
    return respond(request, await run_in_threadpool(status.validation, report, graph))
