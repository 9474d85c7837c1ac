"""The parsed model: frozen dataclasses, each carrying the span of the source it came from,
so every triple built from them can point back to exact characters."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Span:
    """Code-point offsets [start, end) into the original file, and the 1-based line of start."""

    file: str
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Responsibility:
    """One department named in an annotation, with its role as the annotation states it."""

    printed: str  # the department as printed, after distributing shared suffixes
    role: str  # responsible | lead | support
    span: Span


@dataclass(frozen=True)
class Annotation:
    """A bracketed responsibility note such as （责任单位：省科技厅、省财政厅）."""

    text: str
    style: str  # list | lead-support | first-leads
    span: Span
    responsibilities: tuple[Responsibility, ...]
    # offsets[i] is the source offset of text[i]; lets extractors point at exact characters
    offsets: tuple[int, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Paragraph:
    text: str
    span: Span
    annotation: Annotation | None = None
    offsets: tuple[int, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Clause:
    number: int
    title: str | None
    paragraphs: tuple[Paragraph, ...]
    span: Span
    title_span: Span | None = None
    section: int | None = None  # ordinal of the enclosing section, if any
    numbered: bool = True  # False where a section heading stands in for the clause number

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs if p.text)

    @property
    def annotations(self) -> tuple[Annotation, ...]:
        return tuple(p.annotation for p in self.paragraphs if p.annotation)


@dataclass(frozen=True)
class Section:
    ordinal: int
    number: str  # as printed: 一, 二 …
    title: str
    span: Span
    intro: str = ""  # text under the heading before the first clause (rare)


@dataclass(frozen=True)
class PlanReference:
    """A plan named in 《…》 in a preamble, with its period when printed."""

    title: str
    period_start: int | None
    period_end: int | None
    span: Span


@dataclass(frozen=True)
class Document:
    ordinal: int
    title: str
    span: Span
    title_span: Span
    preamble: str
    preamble_span: Span | None
    plans: tuple[PlanReference, ...]
    sections: tuple[Section, ...]
    clauses: tuple[Clause, ...]
    first_listed_leads: bool = False
    closing: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class Warning:
    """Something the parser could not place; reported with file and line, never dropped silently."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class SourceFile:
    path: str  # as given (relative to the project when possible)
    name: str  # file name
    stem: str
    sha256: str
    length: int
    documents: tuple[Document, ...]
    warnings: tuple[Warning, ...] = field(default=())
    # offset of each line's first character, so later stages can name lines without re-reading
    line_starts: tuple[int, ...] = field(default=(0,), compare=False, repr=False)

    def line_of(self, offset: int) -> int:
        """1-based line of a code-point offset in the original file."""
        return bisect_right(self.line_starts, offset)


# Extraction results (text → values); the RDF layer links them to clauses.


@dataclass(frozen=True)
class Mention:
    """A place named in a clause: region, zone or region group, by reference-data key."""

    kind: str  # region | zone | area
    key: str
    text: str
    span: Span


@dataclass(frozen=True)
class Amount:
    kind: str  # Exact | Range | Cap | Threshold
    unit: str  # CNY | percent
    minimum: Decimal | None
    maximum: Decimal | None
    text: str
    span: Span


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    text: str
    span: Span


@dataclass(frozen=True)
class Citation:
    title: str | None
    number: str | None
    text: str
    span: Span
