"""Everything extracted from one clause, with source spans: places, industries, amounts,
periods and citations. Annotations are scanned for places too, since a department name such
as 长春市政府 names its city."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Amount, Citation, Clause, Mention, Period, Span
from .amounts import extract_amounts
from .citations import extract_citations
from .dates import extract_periods
from .industries import IndustryMatcher
from .places import Gazetteer

SpanOf = Callable[[tuple[int, ...], int, int], Span]


@dataclass(frozen=True)
class ClauseFacts:
    mentions: tuple[Mention, ...]
    industries: tuple[str, ...]  # industry ids, in order of first mention
    amounts: tuple[Amount, ...]
    periods: tuple[Period, ...]
    citations: tuple[Citation, ...]


def extract_clause_facts(
    clause: Clause, gazetteer: Gazetteer, industries: IndustryMatcher, span_of: SpanOf
) -> ClauseFacts:
    mentions: list[Mention] = []
    industry_ids: list[str] = []
    amounts: list[Amount] = []
    periods: list[Period] = []
    citations: list[Citation] = []
    segments = []
    if clause.title and clause.title_span and not clause.numbered:
        # a section heading standing in for the clause number is part of what it says
        segments.append((clause.title, _offsets_of(clause.title_span)))
    for p in clause.paragraphs:
        segments.append((p.text, p.offsets))
    for text, offsets in segments:
        for m in gazetteer.find(text):
            mentions.append(
                Mention(m.kind, m.key, text[m.start : m.end], span_of(offsets, m.start, m.end))
            )
        for i in industries.find(text):
            if i.key not in industry_ids:
                industry_ids.append(i.key)
        for a in extract_amounts(text):
            amounts.append(
                Amount(
                    a.kind,
                    a.unit,
                    a.minimum,
                    a.maximum,
                    text[a.start : a.end],
                    span_of(offsets, a.start, a.end),
                )
            )
        for d in extract_periods(text):
            periods.append(
                Period(d.first, d.last, text[d.start : d.end], span_of(offsets, d.start, d.end))
            )
        for c in extract_citations(text):
            citations.append(
                Citation(c.title, c.number, text[c.start : c.end], span_of(offsets, c.start, c.end))
            )
    for note in clause.annotations:
        for m in gazetteer.find(note.text):
            mentions.append(
                Mention(
                    m.kind, m.key, note.text[m.start : m.end], span_of(note.offsets, m.start, m.end)
                )
            )
    return ClauseFacts(
        tuple(mentions), tuple(industry_ids), tuple(amounts), tuple(periods), tuple(citations)
    )


def _offsets_of(span: Span) -> tuple[int, ...]:
    """A heading printed on one line maps character for character (no joins inside)."""
    return tuple(range(span.start, span.end))
