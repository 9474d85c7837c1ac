"""The SPARQL 1.1 Protocol endpoint: query via GET and POST, service description, read-only."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from ..sparql.description import describe_service, serialize_description
from ..sparql.errors import (
    BadRequest,
    NotAcceptable,
    QueryTooLarge,
    UnsupportedMediaType,
    UpdateForbidden,
)
from ..sparql.limits import Limits
from ..sparql.negotiation import (
    acceptable_at_all,
    all_offered_types,
    choose_for,
    content_type_header,
    offered_types,
)

router = APIRouter(tags=["sparql"])

READ_ONLY = UpdateForbidden(
    "SPARQL Update is not accepted: this endpoint is read-only",
    "the graph is rebuilt from the source documents; change the sources instead",
)
POST_TYPES = "application/x-www-form-urlencoded or application/sparql-query (UTF-8)"


def _limits(request: Request) -> Limits:
    return request.app.state.limits


def _one_query(values: list[str]) -> str:
    if len(values) != 1:
        raise BadRequest(
            f"expected exactly one 'query' parameter, got {len(values)}",
            "send a single query per request",
        )
    return values[0]


async def _answer(
    request: Request, sparql: str, default_graphs: list[str], named_graphs: list[str]
) -> Response:
    accept = request.headers.get("accept")
    if not acceptable_at_all(accept):
        raise NotAcceptable(all_offered_types(), accept or "")
    store = request.app.state.store
    result = await run_in_threadpool(
        store.query,
        sparql,
        default_graph_uris=default_graphs,
        named_graph_uris=named_graphs,
        accept=accept,
    )
    return Response(
        result.body, media_type=content_type_header(result.media_type), headers={"Vary": "Accept"}
    )


def _service_description(request: Request) -> Response:
    accept = request.headers.get("accept")
    media_type = choose_for("graph", accept)
    if media_type is None:
        raise NotAcceptable(offered_types("graph"), accept or "")
    endpoint = str(request.url.replace(query=""))
    triples = describe_service(endpoint, _limits(request), request.app.state.triple_count)
    body = serialize_description(triples, media_type)
    return Response(body, media_type=content_type_header(media_type), headers={"Vary": "Accept"})


@router.get("/sparql", summary="SPARQL query via GET, or the service description without ?query")
async def sparql_get(request: Request) -> Response:
    params = request.query_params
    if "update" in params:
        raise READ_ONLY
    queries = params.getlist("query")
    if not queries:
        return _service_description(request)
    return await _answer(
        request,
        _one_query(queries),
        params.getlist("default-graph-uri"),
        params.getlist("named-graph-uri"),
    )


@router.post("/sparql", summary="SPARQL query via POST (form-encoded or application/sparql-query)")
async def sparql_post(request: Request) -> Response:
    content_type = request.headers.get("content-type", "")
    media_type, _, params = content_type.partition(";")
    media_type = media_type.strip().lower()
    charset = _charset(params)
    limit = _limits(request).max_query_bytes
    declared = request.headers.get("content-length", "")
    # Form encoding can triple the size of a query; the exact check happens on the decoded text.
    if declared.isdigit() and int(declared) > 3 * limit:
        raise QueryTooLarge(
            f"request body is {int(declared):,} bytes, over the {limit:,}-byte query limit"
        )
    if media_type == "application/sparql-update":
        raise READ_ONLY
    if media_type not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        raise UnsupportedMediaType(
            f"cannot take a POST body of type {media_type or '(none)'}", f"send {POST_TYPES}"
        )
    if charset not in ("", "utf-8", "utf8"):
        raise UnsupportedMediaType(
            f"charset {charset} is not accepted", "encode the query as UTF-8"
        )
    body = await request.body()
    if len(body) > 3 * limit:
        raise QueryTooLarge(
            f"request body is {len(body):,} bytes, over the {limit:,}-byte query limit"
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(
            "the request body is not valid UTF-8", "encode the query as UTF-8"
        ) from None
    url_params = request.query_params
    default_graphs = url_params.getlist("default-graph-uri")
    named_graphs = url_params.getlist("named-graph-uri")
    if media_type == "application/sparql-query":
        return await _answer(request, text, default_graphs, named_graphs)
    form = parse_qs(text, keep_blank_values=True, errors="strict")
    if "update" in form:
        raise READ_ONLY
    query = _one_query(form.get("query", []))
    return await _answer(
        request,
        query,
        default_graphs + form.get("default-graph-uri", []),
        named_graphs + form.get("named-graph-uri", []),
    )


def _charset(params: str) -> str:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return ""
