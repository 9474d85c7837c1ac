"""Substring search over clause text: space-separated terms must all occur; snippets mark them."""

from __future__ import annotations

import html
import re

from ..sparql.errors import BadRequest

SNIPPET_RADIUS = 40
MAX_TERMS = 8


def terms_of(q: str) -> list[str]:
    """Distinct non-empty terms (full-width spaces count as spaces)."""
    terms = list(dict.fromkeys(t for t in re.split(r"\s+", q.replace("\u3000", " ").strip()) if t))
    if not terms:
        raise BadRequest("empty search", "give one or more terms, e.g. q=人才 补贴")
    if len(terms) > MAX_TERMS:
        raise BadRequest(f"too many search terms ({len(terms)})", f"use at most {MAX_TERMS}")
    return terms


def _query(n: int) -> str:
    """Variables ?t0…?tn-1 are bound to the terms (never spliced into the text) and projected."""
    names = [f"?t{i}" for i in range(n)]
    filters = " ".join(f"FILTER(CONTAINS(STR(?text), {v}))" for v in names)
    return f"SELECT ?clause ?text {' '.join(names)} WHERE {{ ?clause a pg:Clause ; pg:text ?text . {filters} }}"


def snippet(text: str, terms: list[str], radius: int = SNIPPET_RADIUS) -> str:
    """Text around the first match, HTML-escaped, every term wrapped in <mark>…</mark>."""
    first = min((i for i in (text.find(t) for t in terms) if i >= 0), default=0)
    start, end = max(0, first - radius), min(len(text), first + radius * 2)
    part = text[start:end]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    out, pos = [], 0
    for m in pattern.finditer(part):
        out += [html.escape(part[pos : m.start()]), "<mark>", html.escape(m.group(0)), "</mark>"]
        pos = m.end()
    out.append(html.escape(part[pos:]))
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")


def search(svc, q: str) -> list[dict]:
    """Clauses whose text contains every term, in reading order, with a highlighted snippet."""
    terms = terms_of(q)
    rows = svc.select(_query(len(terms)), **{f"t{i}": t for i, t in enumerate(terms)})
    texts = {r["clause"]: r["text"] for r in rows}
    return [{**c, "snippet": snippet(texts[c["iri"]], terms)} for c in svc.catalog.summaries(texts)]
