"""One JSON error envelope for every failure, so clients parse errors one way whatever raised them."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError, PolicyGraphError
from ..sparql.errors import NotAcceptable, QueryError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "query_too_large",
    415: "unsupported_media_type",
    500: "internal_error",
    503: "unavailable",
    504: "timeout",
}


def error_body(status: int, code: str, message: str, hint: str | None = None) -> dict:
    """The envelope: {"error": {"status", "code", "message", "hint"}}."""
    return {"error": {"status": status, "code": code, "message": message, "hint": hint}}


def error_response(
    status: int,
    code: str,
    message: str,
    hint: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A JSON response carrying the envelope."""
    return JSONResponse(
        error_body(status, code, message, hint), status_code=status, headers=headers
    )


async def _http_exception(request: Request, exc: StarletteHTTPException) -> Response:
    status = exc.status_code
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase
    hint = None
    if status == 404:
        from . import pages  # late: pages imports the service layer

        if pages.wants_html(request):
            return pages.error_page(
                request, 404, "找不到 · Not found", f"no page {request.url.path}"
            )
        hint = f"no route {request.url.path}; the SPARQL endpoint is /sparql"
    elif status == 405:
        hint = "use GET or POST"
    return error_response(
        status,
        CODES.get(status, HTTPStatus(status).phrase.lower().replace(" ", "_")),
        message,
        hint,
        headers=getattr(exc, "headers", None),
    )


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors()
    )
    return error_response(
        400, "invalid_request", problems or "invalid request", "check the request parameters"
    )


async def _policygraph_error(request: Request, exc: PolicyGraphError) -> JSONResponse:
    if isinstance(exc, QueryError):
        headers = {"Vary": "Accept"} if isinstance(exc, NotAcceptable) else None
        return error_response(exc.http_status, exc.code, exc.message, exc.hint, headers=headers)
    if isinstance(exc, InputError):
        return error_response(400, "bad_input", f"{exc.location}: {exc.problem}", exc.hint)
    return error_response(500, "internal_error", str(exc))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path)
    return error_response(
        500,
        "internal_error",
        "the server failed to answer this request",
        "the error was logged; please report it",
    )


def install_error_handlers(app: FastAPI) -> None:
    """Route HTTP, validation, project and unexpected errors through the envelope."""
    # starlette types handlers as taking any Exception; each of these takes its own subclass
    app.add_exception_handler(StarletteHTTPException, _http_exception)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(PolicyGraphError, _policygraph_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
