"""The Service: a store plus what is static per loaded store (cached once), and the helpers every topic uses."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cached_property
from typing import Any

from ..namespaces import RESOURCE_BASE, sparql_prologue
from ..sparql.errors import QueryError

JSON_RESULTS = "application/sparql-results+json"
XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger")}
PROLOGUE = sparql_prologue()


class NotFound(QueryError):
    """A reference (id, name, code) matches nothing; the hint lists close matches."""

    http_status = 404
    code = "not_found"


def literal_value(term: Mapping[str, str]) -> Any:
    """A SPARQL JSON term as a Python value: IRIs and strings as str, numbers as int/float."""
    value = term["value"]
    datatype = term.get("datatype")
    if term["type"] != "literal" or not datatype:
        return value
    if datatype in _INTEGERS:
        return int(value)
    if datatype in (XSD + "decimal", XSD + "double", XSD + "float"):
        number = Decimal(value)
        return int(number) if number == number.to_integral_value() else float(number)
    if datatype == XSD + "boolean":
        return value == "true"
    return value


def page(items: list, limit: int, offset: int) -> dict:
    """The list envelope every collection route returns."""
    return {
        "items": items[offset : offset + limit],
        "total": len(items),
        "limit": limit,
        "offset": offset,
    }


def close_matches(ref: str, names: Iterable[str], n: int = 5) -> list[str]:
    """Names resembling `ref`, for 404 hints (difflib, so 长春县 finds 长春市)."""
    return difflib.get_close_matches(ref, list(names), n=n, cutoff=0.4)


def not_found(what: str, ref: str, names: Iterable[str]) -> NotFound:
    """A NotFound whose hint offers the closest known names."""
    matches = close_matches(ref, names)
    hint = (
        ("did you mean: " + ", ".join(matches))
        if matches
        else "no similar names; list the known ones first"
    )
    return NotFound(f"no {what} matches {ref!r}", hint)


def local_id(iri: str, prefix: str) -> str:
    """The path of a minted IRI after RESOURCE_BASE + prefix (e.g. 'doc/' → '000_…-01/art/3')."""
    return iri[len(RESOURCE_BASE + prefix) :] if iri.startswith(RESOURCE_BASE + prefix) else iri


class Service:
    """Everything the API reads goes through `select()`, i.e. the store's query() (the worker pool)."""

    def __init__(self, store, *, timeout: float | None = None):
        self.store = store
        self.timeout = timeout

    def select(self, body: str, **bindings: Any) -> list[dict[str, Any]]:
        """Run a SELECT (prefixes added) with bound variables; rows as dicts of Python values.

        Oxigraph substitutes bound variables only when they are projected, so every query here
        projects the variables it binds."""
        result = self.store.query(
            PROLOGUE + body, bindings=bindings or None, accept=JSON_RESULTS, timeout=self.timeout
        )
        rows = json.loads(result.body)["results"]["bindings"]
        return [{k: literal_value(v) for k, v in row.items()} for row in rows]

    @cached_property
    def catalog(self):
        """Regions, departments, industries, documents and clause summaries: static per store."""
        from .catalog import load_catalog

        return load_catalog(self)

    @cached_property
    def places(self):
        """Which clause names which place; zones and groups by region (see places.py)."""
        from .places import load_places

        return load_places(self)

    def warm(self) -> None:
        """Load the static caches now (at startup) rather than on the first request."""
        _ = self.catalog, self.places
