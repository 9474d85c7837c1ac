"""/id/{path}: every minted IRI dereferences here — RDF by Accept (Turtle default), HTML for browsers."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from ..namespaces import RESOURCE_BASE
from ..service import resources
from ..sparql.errors import NotAcceptable
from ..sparql.negotiation import GRAPH_ALIASES, choose, content_type_header, offered_types
from . import page_context
from .routes_common import rebase

router = APIRouter(tags=["linked data"])
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
OFFERED = [*offered_types("graph"), "text/html"]


@router.get(
    "/id/{path:path}",
    summary="Describe a resource (Turtle, JSON-LD, N-Triples, RDF/XML or HTML)",
    responses={200: {"content": {t: {} for t in OFFERED}}},
)
async def describe(request: Request, path: str) -> Response:
    accept = request.headers.get("accept")
    media_type = choose(accept, OFFERED, GRAPH_ALIASES)
    if media_type is None:
        raise NotAcceptable(OFFERED, accept or "")
    svc = request.app.state.service
    if media_type == "text/html":
        ui = page_context.ui_path(resources.resource_iri(path))
        if ui:  # a browser gets the page made for people; RDF clients keep the data
            return RedirectResponse(ui, status_code=303)
        page = await run_in_threadpool(resources.properties, svc, path)
        for prop in page["properties"]:  # resources of this graph link to this server
            local = prop["value"].startswith(RESOURCE_BASE)
            prop["href"] = "/id/" + prop["value"][len(RESOURCE_BASE) :] if local else prop["value"]
        html = templates.TemplateResponse(request, "resource.html", {"resource": page})
        body = rebase(request, bytes(html.body).decode("utf-8"))
        response: Response = HTMLResponse(body, status_code=html.status_code)
    else:
        result = await run_in_threadpool(resources.describe, svc, path, media_type)
        response = Response(
            rebase(request, result.text), media_type=content_type_header(media_type)
        )
    response.headers["Vary"] = "Accept"
    return response
