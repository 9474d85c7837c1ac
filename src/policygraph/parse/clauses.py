"""One clause from its lines: number, short title, paragraphs and their annotations."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from ..model import Annotation, Clause, Paragraph, Responsibility, Warning
from ..text.normalise import MappedText
from .annotations import LIST_PREFIX, find_closing, looks_like_annotation, parse_annotation
from .lines import Line, SourceText

PARAGRAPH_END = "。！？；）)”"
# 责任单位：省财政厅。 printed without brackets as the clause's last sentence
UNBRACKETED = re.compile(r"(?:(?<=[。；])|^)\s*(责任单位|牵头单位)[：:][^。（）]*。?$")
TITLE_MAX = 40
SHORT_LINE = 0.85  # a line shorter than this share of the usual width ends its paragraph


@dataclass
class ClauseDraft:
    """Lines gathered for a clause before it is read."""

    number: int
    lines: list[Line]
    body_offset: int  # characters into the first line where the text begins (after the number)
    section: int | None
    numbered: bool = True
    title: str | None = None  # given by a section heading when sections stand for clauses


def read_clause(
    source: SourceText,
    draft: ClauseDraft,
    width: float,
    first_listed_leads: bool,
    warnings: list[Warning],
) -> Clause:
    mapped = source.join(draft.lines)
    body_start = bisect_left(mapped.offsets, draft.lines[0].start + draft.body_offset)
    title, title_span = draft.title, None
    heading_end = _heading_line(mapped, draft, width, body_start)
    if title is None and heading_end:
        # （一）加大财政支持力度 printed on a line of its own: the line is the title
        title = mapped.text[body_start:heading_end].strip()
        title_span = source.mapped_span(mapped, body_start, heading_end)
        body_start = heading_end
    breaks = _line_breaks(mapped, draft.lines, width)
    notes = _find_annotations(source, mapped, body_start, warnings)
    breaks.update(end for _, end in notes)
    paragraphs = _paragraphs(source, mapped, body_start, sorted(breaks), notes, first_listed_leads)
    if title is None and paragraphs:
        title, title_span = _title(source, mapped, paragraphs, body_start)
    if not paragraphs:
        warnings.append(
            Warning(source.name, draft.lines[0].number, f"clause {draft.number} has no text")
        )
    return Clause(
        number=draft.number,
        title=title,
        paragraphs=tuple(paragraphs),
        span=source.span(draft.lines[0].start, draft.lines[-1].end),
        title_span=title_span,
        section=draft.section,
        numbered=draft.numbered,
    )


def _heading_line(mapped: MappedText, draft: ClauseDraft, width: float, body_start: int) -> int:
    """End of a first line that is a heading: short, unpunctuated, with text below it."""
    if len(draft.lines) < 2 or not draft.numbered:
        return 0
    first = draft.lines[0]
    end = bisect_left(mapped.offsets, draft.lines[1].start)
    heading = mapped.text[body_start:end]
    if not heading.strip() or len(first.text) >= width * SHORT_LINE:
        return 0
    if re.search(r"[，。；：,;:（）()]", heading):
        return 0
    return end


def _line_breaks(mapped: MappedText, lines: list[Line], width: float) -> set[int]:
    """Positions where a short line that ends a sentence closes its paragraph."""
    breaks = set()
    for prev, line in pairwise(lines):
        if prev.text[-1] in PARAGRAPH_END and len(prev.text) < width * SHORT_LINE:
            breaks.add(bisect_left(mapped.offsets, line.start))
    return breaks


def _find_annotations(
    source: SourceText, mapped: MappedText, start: int, warnings: list[Warning]
) -> list[tuple[int, int]]:
    text = mapped.text
    found = []
    i = text.find("（", start)
    while i >= 0:
        close = find_closing(text, i)
        content = text[i + 1 : close] if close is not None else text[i + 1 :]
        strong = bool(LIST_PREFIX.match(content.strip()))
        placed = i == start or text[i - 1] in PARAGRAPH_END
        if close is None:
            if strong:
                line = source.line_of(mapped.offsets[i])
                warnings.append(
                    Warning(source.name, line, "unclosed responsibility annotation — expected '）'")
                )
                found.append((i, len(text)))
            break
        if (strong or placed) and looks_like_annotation(content):
            found.append((i, close + 1))
        i = text.find("（", close + 1)
    if not found:
        bare = UNBRACKETED.search(text, start)
        if bare:
            found.append((bare.start(), len(text)))
    return found


def _paragraphs(
    source: SourceText,
    mapped: MappedText,
    body_start: int,
    breaks: list[int],
    notes: list[tuple[int, int]],
    first_listed_leads: bool,
) -> list[Paragraph]:
    bounds = [body_start] + [b for b in breaks if body_start < b < len(mapped)] + [len(mapped)]
    paragraphs: list[Paragraph] = []
    for lo, hi in pairwise(bounds):
        note = next(((s, e) for s, e in notes if lo <= s < hi), None)
        text_end = note[0] if note else hi
        body = mapped.slice(lo, text_end).strip()
        text = body.text
        annotation = _annotation(source, mapped, note, first_listed_leads) if note else None
        if not text and not annotation:
            continue
        span = source.mapped_span(mapped, lo, hi)
        if not text and paragraphs and paragraphs[-1].annotation is None:
            # an annotation on a line of its own closes the paragraph before it
            prev = paragraphs[-1]
            merged = source.span(prev.span.start, span.end)
            paragraphs[-1] = Paragraph(prev.text, merged, annotation, prev.offsets)
            continue
        paragraphs.append(Paragraph(text, span, annotation, body.offsets))
    return paragraphs


def _annotation(
    source: SourceText, mapped: MappedText, note: tuple[int, int], first_listed_leads: bool
) -> Annotation:
    start, end = note
    bracketed = mapped.text[start] == "（"
    inner_end = end - 1 if mapped.text[end - 1] in "）。" else end
    base = start + 1 if bracketed else start
    while base < inner_end and mapped.text[base].isspace():
        base += 1
    content = mapped.text[base:inner_end]
    parsed = parse_annotation(content, first_listed_leads)
    responsibilities = tuple(
        Responsibility(
            item.name, role, source.mapped_span(mapped, base + item.start, base + item.end)
        )
        for item, role in parsed.roles
    )
    return Annotation(
        text=mapped.text[start:end],
        style=parsed.style,
        span=source.mapped_span(mapped, start, end),
        responsibilities=responsibilities,
        offsets=mapped.offsets[start:end],
    )


def _title(source: SourceText, mapped: MappedText, paragraphs: list[Paragraph], body_start: int):
    """A short first sentence followed by more text is the clause's title (支持发展总部经济。)."""
    first = paragraphs[0].text
    end = first.find("。")
    if end <= 0 or end > TITLE_MAX:
        return None, None
    sentence = first[:end]
    if sentence.count("，") > 1 or re.search(r"[：:；]", sentence):
        return None, None
    has_more = bool(first[end + 1 :].strip()) or any(p.text for p in paragraphs[1:])
    if not has_more:
        return None, None
    lo = mapped.text.find(sentence, body_start)
    span = source.mapped_span(mapped, lo, lo + len(sentence)) if lo >= 0 else None
    return sentence, span
