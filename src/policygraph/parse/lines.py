"""Lines of a source file with their offsets; blank lines and page markers set aside."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..model import Span
from ..text.normalise import MappedText, is_page_marker, join_lines

SENTENCE_END = "。；！？）)”》：:"


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    start: int
    end: int  # exclusive, without the newline
    text: str  # stripped of surrounding whitespace

    @property
    def ends_unit(self) -> bool:
        """Ends a sentence or a bracket, so a new clause or heading may follow."""
        return bool(self.text) and self.text[-1] in SENTENCE_END


class SourceText:
    """The original text with line lookup, so any offset can be reported as file:line."""

    def __init__(self, name: str, text: str):
        self.name = name
        self.text = text
        self._line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self._line_starts.append(i + 1)

    @property
    def line_starts(self) -> tuple[int, ...]:
        return tuple(self._line_starts)

    def line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def span(self, start: int, end: int) -> Span:
        return Span(self.name, start, end, self.line_of(start))

    def mapped_span(self, mapped: MappedText, start: int = 0, end: int | None = None) -> Span:
        end = len(mapped) if end is None else end
        lo, hi = mapped.source_span(start, end)
        return self.span(lo, hi)

    def content_lines(self) -> list[Line]:
        """Lines that carry text: not blank, not a page marker such as —１４—."""
        lines = []
        for number, start in enumerate(self._line_starts, 1):
            end = self.text.find("\n", start)
            end = len(self.text) if end < 0 else end
            raw = self.text[start:end]
            stripped = raw.strip()
            if not stripped or is_page_marker(stripped):
                continue
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw) - len(raw.rstrip())
            lines.append(Line(number, start + lead, end - trail, stripped))
        return lines

    def join(self, lines: list[Line]) -> MappedText:
        return join_lines(self.text, [(ln.start, ln.end) for ln in lines])
