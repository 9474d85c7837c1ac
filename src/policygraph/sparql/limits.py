"""Limits every query obeys, and the cheap text checks (size, update, SERVICE) made before running it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import QueryTooLarge, ServiceForbidden, UpdateForbidden


@dataclass(frozen=True)
class Limits:
    """Time, size and result caps; the defaults are what the public endpoint runs with."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_query_bytes: int = 100_000
    allow_service: bool = False


# Strings, IRIs and comments are blanked first, so a keyword inside "…", <…> or # … never counts.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n]*",
    re.DOTALL,
)
_PROLOGUE = re.compile(r"^\s*(?:(?:BASE\s*\S*|PREFIX\s+[^\s:]*:\s*\S*)\s*)*", re.IGNORECASE)
_FIRST_WORD = re.compile(r"[A-Za-z]+")
_UPDATE_WORDS = {
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "CREATE",
    "DROP",
    "COPY",
    "MOVE",
    "ADD",
    "WITH",
}
# SERVICE as a keyword: not part of a prefixed name (ex:SERVICE, service:x) or a variable.
_SERVICE = re.compile(r"(?<![\w:?$.-])SERVICE(?=[\s<?$]|$)", re.IGNORECASE)


def blank_opaque(sparql: str) -> str:
    """The query with literals, IRIs and comments replaced by `<>`/spaces, for keyword checks."""
    return _OPAQUE.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", sparql)


def is_update(sparql: str) -> bool:
    """True when the text is a SPARQL Update request (its first keyword after the prologue)."""
    body = _PROLOGUE.sub("", blank_opaque(sparql), count=1)
    word = _FIRST_WORD.match(body.lstrip())
    return word is not None and word.group(0).upper() in _UPDATE_WORDS


def uses_service(sparql: str) -> bool:
    """True when the query contains a SERVICE clause (federation)."""
    return bool(_SERVICE.search(blank_opaque(sparql)))


def check_query(sparql: str, limits: Limits) -> None:
    """Refuse oversize text, updates and (unless allowed) SERVICE before any engine sees the query."""
    size = len(sparql.encode("utf-8"))
    if size > limits.max_query_bytes:
        raise QueryTooLarge(
            f"query is {size:,} bytes, over the {limits.max_query_bytes:,}-byte limit",
            "shorten the query, e.g. move long VALUES lists into the data",
        )
    if is_update(sparql):
        raise UpdateForbidden(
            "SPARQL Update is not accepted: this endpoint is read-only",
            "the graph is rebuilt from the source documents; change the sources instead",
        )
    if not limits.allow_service and uses_service(sparql):
        raise ServiceForbidden(
            "SERVICE (federated query) is disabled: the server does not fetch other endpoints",
            "run the federated part against the other endpoint yourself",
        )
