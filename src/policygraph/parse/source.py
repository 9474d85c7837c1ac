"""A source file → documents → sections and clauses. What cannot be placed becomes a warning
with file and line; nothing is dropped silently."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from statistics import median

from ..errors import InputError, Location, display_path
from ..model import Clause, Document, Paragraph, Section, SourceFile, Warning
from ..text.normalise import repair_ocr
from .annotations import document_says_first_leads
from .clauses import ClauseDraft, read_clause
from .documents import SHORTEST_TITLE_LINE, TITLE_LINE_SHARE, find_plans, title_at
from .lines import Line, SourceText
from .markers import CLAUSE_PRIORITY, Marker, read_marker

CLOSING = re.compile(
    r"^(本(政策|措施|意见|办法|方案|规定|细则)|以上政策|上述政策|自印发之日起|.{0,20}负责解释"
    r"|[（(]此件.{2,8}[）)]$)"
)
MIN_SEQUENCE = {"article": 1, "paren": 1, "dotted": 2, "bare": 2}


def parse_source(path: str | Path) -> SourceFile:
    """Read one UTF-8 text dump; bad bytes are an input error naming the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(display_path(path), f"cannot read the file ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            Location(display_path(path), line),
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            "convert the file to UTF-8",
        ) from exc
    return parse_text(display_path(path), text, sha256=hashlib.sha256(raw).hexdigest())


def parse_text(name: str, text: str, sha256: str | None = None) -> SourceFile:
    """Parse the text of one file (name is used in spans and warnings)."""
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = SourceText(name, repair_ocr(text))
    lines = source.content_lines()
    warnings: list[Warning] = []
    starts = _document_starts(source, lines)
    if not lines:
        warnings.append(Warning(name, 1, "the file has no text"))
    if not starts and lines:
        warnings.append(
            Warning(
                name,
                lines[0].number,
                "no document title (关于…的若干政策) found — the file is read as one "
                "untitled document",
            )
        )
        starts = [(0, 0)]
    if starts and starts[0][0] > 0:
        first = lines[0]
        warnings.append(
            Warning(
                name,
                first.number,
                f"{starts[0][0]} line(s) before the first document title belong to no document",
            )
        )
    documents = []
    for n, (i, k) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        documents.append(
            _parse_document(source, n + 1, lines[i : i + k], lines[i + k : end], warnings)
        )
    stem = Path(name).stem
    return SourceFile(
        name,
        Path(name).name,
        stem,
        sha256,
        len(text),
        tuple(documents),
        tuple(warnings),
        source.line_starts,
    )


def _document_starts(source: SourceText, lines: list[Line]) -> list[tuple[int, int]]:
    usual = median(len(ln.text) for ln in lines) if lines else 0
    max_line = max(SHORTEST_TITLE_LINE, TITLE_LINE_SHARE * usual)
    starts = []
    i = 0
    while i < len(lines):
        # a title follows the end of a sentence, or a short line such as 目录 or 附件1
        if i == 0 or lines[i - 1].ends_unit or len(lines[i - 1].text) <= 6:
            k = title_at(source, lines, i, max_line)
            if k:
                starts.append((i, k))
                i += k
                continue
        i += 1
    return starts


def _parse_document(
    source: SourceText,
    ordinal: int,
    title_lines: list[Line],
    body: list[Line],
    warnings: list[Warning],
) -> Document:
    all_lines = title_lines + body
    span = source.span(all_lines[0].start, all_lines[-1].end) if all_lines else source.span(0, 0)
    title = source.join(title_lines).text.replace(" ", "") if title_lines else ""
    title_span = source.span(title_lines[0].start, title_lines[-1].end) if title_lines else span
    markers, after_heading = _structure_markers(body)
    clause_style = _clause_style(markers, after_heading)
    body_text = source.join(body).text
    first_leads = document_says_first_leads(body_text)
    width = median(len(ln.text) for ln in body) if body else 0.0

    sections: list[Section] = []
    drafts: list[ClauseDraft] = []
    preamble: list[Line] = []
    intro: dict[int, list[Line]] = {}
    current: ClauseDraft | None = None
    for j, line in enumerate(body):
        marker = markers.get(j)
        if marker and marker.style == "section":
            current = None
            sections.append(
                Section(
                    len(sections) + 1,
                    marker.printed,
                    marker.rest.strip(),
                    source.span(line.start, line.end),
                )
            )
            if clause_style is None and re.search(r"[。；，]", marker.rest):
                # 一、加大财政支持。对符合条件的… — the section is a clause whose text starts here
                current = ClauseDraft(marker.number, [line], marker.offset, len(sections))
                drafts.append(current)
            elif clause_style is None:
                current = ClauseDraft(
                    marker.number, [], 0, len(sections), numbered=False, title=marker.rest.strip()
                )
                drafts.append(current)
            continue
        if marker and marker.style == clause_style:
            current = ClauseDraft(marker.number, [line], marker.offset, len(sections) or None)
            drafts.append(current)
            continue
        if current is not None:
            current.lines.append(line)
        elif sections:
            intro.setdefault(len(sections), []).append(line)
        else:
            preamble.append(line)

    for ordinal_, lines_ in intro.items():
        warnings.append(
            Warning(
                source.name,
                lines_[0].number,
                f"text under section {ordinal_} before its first clause is kept "
                "as the section's introduction",
            )
        )
        s = sections[ordinal_ - 1]
        sections[ordinal_ - 1] = Section(
            s.ordinal, s.number, s.title, s.span, source.join(lines_).text
        )
    clauses = []
    for draft in drafts:
        if not draft.lines:
            warnings.append(
                Warning(
                    source.name,
                    _section_line(sections, draft),
                    f"section {draft.number} has no text",
                )
            )
            continue
        clauses.append(read_clause(source, draft, width, first_leads, warnings))
    closing = _split_closing(clauses)
    _check_numbering(source, clauses, warnings)

    preamble_text = source.join(preamble)
    preamble_span = source.mapped_span(preamble_text) if preamble else None
    if not clauses:
        warnings.append(
            Warning(source.name, title_span.line, f"document {title or ordinal} has no clauses")
        )
    return Document(
        ordinal=ordinal,
        title=title,
        span=span,
        title_span=title_span,
        preamble=preamble_text.text,
        preamble_span=preamble_span,
        plans=find_plans(source, preamble_text),
        sections=tuple(sections),
        clauses=tuple(clauses),
        first_listed_leads=first_leads,
        closing=closing,
    )


def _structure_markers(body: list[Line]) -> tuple[dict[int, Marker], set[str]]:
    """Numbering markers that fit the running sequence of their style.

    A marker counts only where the previous line ended a sentence (or was a heading) and its
    number continues the sequence (or restarts at 1 under a new section), so a wrapped line
    that happens to begin with a number (２０２１年…) is not taken for a clause.
    """
    accepted: dict[int, Marker] = {}
    after_heading: set[str] = set()
    last: dict[str, int] = {}
    section_seen_since: dict[str, bool] = {}
    for j, line in enumerate(body):
        if j > 0 and not body[j - 1].ends_unit and (j - 1) not in accepted:
            continue
        marker = read_marker(line.text)
        if marker is None:
            continue
        style = marker.style
        expected = last.get(style, 0) + 1
        restart = marker.number == 1 and section_seen_since.get(style, False)
        if marker.number != expected and not restart:
            # a bare number may also read as a dotted one's sibling; try the other reading
            continue
        if style == "section" and len(marker.rest) > 40:
            continue
        if j > 0 and accepted.get(j - 1) and accepted[j - 1].style == "section":
            after_heading.add(style)
        accepted[j] = marker
        last[style] = marker.number
        section_seen_since[style] = False
        if style == "section":
            for other in CLAUSE_PRIORITY:
                section_seen_since[other] = True
    return accepted, after_heading


def _clause_style(markers: dict[int, Marker], after_heading: set[str]) -> str | None:
    """The clause level: the highest numbering style below sections that forms a sequence
    (a lone bare number counts only right under a section heading)."""
    counts: dict[str, int] = {}
    for m in markers.values():
        counts[m.style] = counts.get(m.style, 0) + 1
    for style in CLAUSE_PRIORITY:
        if counts.get(style, 0) >= MIN_SEQUENCE[style] or style in after_heading:
            return style
    return None


def _split_closing(clauses: list[Clause]) -> tuple[Paragraph, ...]:
    """Unnumbered closing paragraphs (本政策自印发之日起施行…) belong to the document."""
    if not clauses:
        return ()
    last = clauses[-1]
    paras = list(last.paragraphs)
    closing: list[Paragraph] = []
    while len(paras) > 1 and paras[-1].annotation is None and CLOSING.match(paras[-1].text):
        closing.insert(0, paras.pop())
    if closing:
        clauses[-1] = Clause(
            last.number,
            last.title,
            tuple(paras),
            last.span.__class__(
                last.span.file, last.span.start, paras[-1].span.end, last.span.line
            ),
            last.title_span,
            last.section,
            last.numbered,
        )
    return tuple(closing)


def _check_numbering(source: SourceText, clauses: list[Clause], warnings: list[Warning]) -> None:
    seen: set[tuple[int | None, int]] = set()
    for c in clauses:
        key = (c.section, c.number)
        if key in seen:
            warnings.append(
                Warning(
                    source.name,
                    c.span.line,
                    f"clause {c.number} appears twice in section {c.section}",
                )
            )
        seen.add(key)


def _section_line(sections: list[Section], draft: ClauseDraft) -> int:
    return sections[draft.section - 1].span.line if draft.section else 1
