"""Query errors carry their own status and code, so every front end reports them the same way."""

from __future__ import annotations

from ..errors import PolicyGraphError


class QueryError(PolicyGraphError):
    """A query was refused or failed; `http_status` and `code` say how, `hint` says what to do."""

    http_status = 400
    code = "bad_query"

    def __init__(self, message: str, hint: str | None = None):
        self.message = message
        self.hint = hint
        super().__init__(f"{message} — {hint}" if hint else message)


class QuerySyntaxError(QueryError):
    """The SPARQL parser rejected the text."""

    code = "malformed_query"


class BadRequest(QueryError):
    """The HTTP request does not follow the SPARQL Protocol."""

    code = "bad_request"


class UnsupportedMediaType(QueryError):
    """The request body's media type or charset is not one the protocol allows."""

    http_status = 415
    code = "unsupported_media_type"


class UpdateForbidden(QueryError):
    """The endpoint is read-only: SPARQL Update is never executed."""

    http_status = 403
    code = "update_forbidden"


class ServiceForbidden(QueryError):
    """Federated SERVICE calls would make the server fetch URLs on a client's behalf."""

    http_status = 403
    code = "service_forbidden"


class QueryTooLarge(QueryError):
    """The query text is longer than the configured limit."""

    http_status = 413
    code = "query_too_large"


class TooManyResults(QueryError):
    """More rows than the cap; results are never silently truncated."""

    code = "too_many_results"


class NotAcceptable(QueryError):
    """No offered serialisation matches the client's Accept header."""

    http_status = 406
    code = "not_acceptable"

    def __init__(self, offered: list[str], accept: str):
        self.offered = offered
        super().__init__(
            f"cannot produce any of the requested types ({accept})",
            "accepted types: " + ", ".join(offered),
        )


class QueryTimeout(QueryError):
    """The query ran past its time limit and its worker process was killed."""

    http_status = 504
    code = "query_timeout"


class StoreUnavailable(QueryError):
    """No worker could take the query (all busy, crashed, or the store failed to open)."""

    http_status = 503
    code = "store_unavailable"


class RemoteStoreError(QueryError):
    """The remote SPARQL endpoint failed or answered with something unusable."""

    http_status = 502
    code = "remote_endpoint_error"


ERROR_CLASSES: dict[str, type[QueryError]] = {
    cls.__name__: cls
    for cls in (
        QueryError,
        QuerySyntaxError,
        BadRequest,
        UnsupportedMediaType,
        UpdateForbidden,
        ServiceForbidden,
        QueryTooLarge,
        TooManyResults,
        QueryTimeout,
        StoreUnavailable,
        RemoteStoreError,
    )
}
