"""The HTML pages (/ and /ui/…): server-rendered Jinja2 over the read-side service, no build step.

Each route names a template and a builder (svc, …) → context; builders run off the event loop and
turn a service NotFound into a friendly 404 page with close matches as links."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from ..sparql.errors import QueryError
from .page_context import (
    LEVELS,
    REASONS,
    ROLES,
    Missing,
    clause_context,
    department_context,
    departments_context,
    document_context,
    highlight,
    home_context,
    href,
    ld,
    region_context,
    regions_context,
    search_context,
    sparql_context,
)

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(HERE / "templates"))

templates.env.filters["highlight"] = highlight
templates.env.globals.update(
    href=href, ld=ld, quote=quote, REASONS=REASONS, ROLES=ROLES, LEVELS=LEVELS
)


def error_page(
    request: Request,
    status: int,
    title: str,
    message: str,
    hint: str | None = None,
    suggestions: list[tuple[str, str]] | None = None,
) -> Response:
    """A friendly HTML error page (the JSON envelope stays for API clients)."""
    return templates.TemplateResponse(
        request,
        "error.html",
        {
            "status": status,
            "title": title,
            "message": message,
            "hint": hint,
            "suggestions": suggestions or [],
        },
        status_code=status,
    )


async def render(
    request: Request, template: str, build: Callable[..., dict], *args: Any
) -> Response:
    """Run a builder with the app's service off the event loop and render its template."""
    try:
        context = await run_in_threadpool(build, request.app.state.service, *args)
    except Missing as e:
        return error_page(request, 404, "找不到 · Not found", str(e), e.hint, e.suggestions)
    except QueryError as e:
        return error_page(request, e.http_status, "出错了 · Error", e.message, e.hint)
    return templates.TemplateResponse(request, template, context)


@router.get("/")
async def home(request: Request) -> Response:
    return await render(request, "home.html", home_context)


@router.get("/ui/documents/{ref}")
async def document_page(request: Request, ref: str) -> Response:
    return await render(request, "document.html", document_context, ref)


@router.get("/ui/regions")
async def regions_page(request: Request, ref: str | None = None) -> Response:
    if ref and ref.strip():  # the region picker's form
        return RedirectResponse("/ui/regions/" + quote(ref.strip(), safe=""), status_code=303)
    return await render(request, "regions.html", regions_context)


@router.get("/ui/regions/{ref}")
async def region_page(
    request: Request, ref: str, via: Annotated[list[str] | None, Query()] = None
) -> Response:
    return await render(request, "region.html", region_context, ref, via or [])


@router.get("/ui/clauses/{ref:path}")
async def clause_page(request: Request, ref: str) -> Response:
    return await render(request, "clause.html", clause_context, ref)


@router.get("/ui/departments")
async def departments_page(request: Request) -> Response:
    return await render(request, "departments.html", departments_context)


@router.get("/ui/departments/{ref}")
async def department_page(request: Request, ref: str) -> Response:
    return await render(request, "department.html", department_context, ref)


@router.get("/ui/search")
async def search_page(request: Request, q: str = "") -> Response:
    return await render(request, "search.html", search_context, q)


@router.get("/ui/sparql")
async def sparql_page(
    request: Request, example: str | None = None, query: str | None = None
) -> Response:
    context = await run_in_threadpool(sparql_context, example, query)
    return templates.TemplateResponse(request, "sparql.html", context)


@router.get("/ui/static/{name}")
async def static_file(name: str) -> Response:
    path = STATIC_DIR / name
    if "/" in name or name.startswith(".") or not path.is_file():
        return Response("not found", status_code=404, media_type="text/plain")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=300"})


@router.get("/ui/{path:path}")
async def unknown_page(request: Request, path: str) -> Response:
    return error_page(
        request,
        404,
        "找不到 · Not found",
        f"no page /ui/{path}",
        suggestions=[
            ("首页 Home", "/"),
            ("区域 Regions", "/ui/regions"),
            ("部门 Departments", "/ui/departments"),
            ("SPARQL", "/ui/sparql"),
        ],
    )


def wants_html(request: Request) -> bool:
    """A browser navigation (text/html before any JSON in Accept): errors.py can pick error_page."""
    accept = request.headers.get("accept", "")
    return "text/html" in accept and (
        "application/json" not in accept
        or accept.index("text/html") < accept.index("application/json")
    )
