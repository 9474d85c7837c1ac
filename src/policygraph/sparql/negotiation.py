"""Which serialisation a client gets: Accept-header matching and the formats each result kind offers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

# Canonical media type → pyoxigraph format; the first entry of each table is the default.
TABULAR_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
BOOLEAN_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# Types clients commonly send for the same formats (answered with the canonical type).
ALIASES: dict[str, str] = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json+ld": "application/ld+json",
}
GRAPH_ALIASES: dict[str, str] = {
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
}

KINDS: dict[str, Mapping[str, Any]] = {
    "bindings": TABULAR_FORMATS,
    "boolean": BOOLEAN_FORMATS,
    "graph": GRAPH_FORMATS,
}


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float
    order: int

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return self.type in ("*", main) and self.subtype in ("*", sub)


def parse_accept(header: str | None) -> list[MediaRange]:
    """Accept header → media ranges; a missing or empty header means `*/*`."""
    ranges = []
    for order, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        main, _, sub = fields[0].lower().partition("/")
        if not main:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(main, sub or "*", q, order))
    return ranges or [MediaRange("*", "*", 1.0, 0)]


def offered_types(kind: str) -> list[str]:
    """Canonical media types for a result kind ("bindings", "boolean", "graph"), default first."""
    return list(KINDS[kind])


def choose(
    accept: str | None, offered: list[str], aliases: dict[str, str] | None = None
) -> str | None:
    """The offered type the client prefers most (q, then specificity, then its order), or None."""
    ranges = parse_accept(accept)
    reverse: dict[str, list[str]] = {}
    for alias, canonical in (aliases or {}).items():
        reverse.setdefault(canonical, []).append(alias)
    best: tuple | None = None
    best_type = None
    for index, media_type in enumerate(offered):
        names = [media_type, *reverse.get(media_type, [])]
        matching = [r for r in ranges for n in names if r.matches(n)]
        if not matching:
            continue
        top = max(matching, key=lambda r: (r.specificity, r.q))
        if top.q <= 0:
            continue
        rank = (top.q, top.specificity, -top.order, -index)
        if best is None or rank > best:
            best, best_type = rank, media_type
    return best_type


def choose_for(kind: str, accept: str | None) -> str | None:
    """The media type to answer a result of `kind` with, given the client's Accept header."""
    aliases = {**ALIASES, **GRAPH_ALIASES} if kind == "graph" else ALIASES
    return choose(accept, offered_types(kind), aliases)


def acceptable_at_all(accept: str | None) -> bool:
    """Whether any result kind could satisfy this Accept header (checked before running a query)."""
    return any(choose_for(kind, accept) for kind in KINDS)


def all_offered_types() -> list[str]:
    """Every type the endpoint can produce, for 406 messages."""
    return list(dict.fromkeys(t for kind in KINDS for t in offered_types(kind)))


def content_type_header(media_type: str) -> str:
    """Media type with `charset=utf-8` for textual formats, as sent in Content-Type."""
    return media_type + ("; charset=utf-8" if media_type.startswith("text/") else "")
