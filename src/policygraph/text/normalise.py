"""Normalising a PDF text dump without losing the way back: every output character remembers
the offset of the original character it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass

# U+E010 is a private-use glyph the PDF prints after clause numbers.
PRIVATE_GLYPH = "\ue010"

# Full-width digits and Latin letters become ASCII so values read as numbers; punctuation
# (，。：；（）－％) stays as printed, so titles and text quote the document.
_FULLWIDTH_TO_ASCII = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH_TO_ASCII.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH_TO_ASCII.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})

_PAGE_MARKER = re.compile(r"^\s*[—－\-–]+\s*[0-9０-９]{1,4}\s*[—－\-–]+\s*$")
# OCR read the brackets of 省市场监管厅（省知识产权局） as ! and ".
_OCR_BRACKETS = re.compile(r'([\u4e00-\u9fff]\s*)!([\u4e00-\u9fff][\u4e00-\u9fff\s]{1,40}?)"')


def is_page_marker(line: str) -> bool:
    return bool(_PAGE_MARKER.match(line))


def fold_char(ch: str) -> str:
    return _FULLWIDTH_TO_ASCII.get(ch, ch)


def to_halfwidth(text: str) -> str:
    """Full-width digits and letters as ASCII, one character for one (offsets stay valid)."""
    return "".join(_FULLWIDTH_TO_ASCII.get(ch, ch) for ch in text)


def repair_ocr(text: str) -> str:
    """Fix OCR artefacts that have a certain reading; keeps length so offsets stay valid."""
    return _OCR_BRACKETS.sub(lambda m: m.group(1) + "（" + m.group(2) + "）", text)


def _is_wide(ch: str) -> bool:
    """CJK ideographs and full-width punctuation: a space next to one is a PDF artefact."""
    o = ord(ch)
    return (
        0x3000 <= o <= 0x303F
        or 0x3400 <= o <= 0x9FFF
        or 0xFF00 <= o <= 0xFFEF
        or ch in "“”‘’—…·"
        or 0xE000 <= o <= 0xF8FF
    )


@dataclass(frozen=True)
class MappedText:
    """Normalised text plus, for each character, its offset in the original file."""

    text: str
    offsets: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised [start, end)."""
        if start >= end:
            at = self.offsets[start] if start < len(self.offsets) else self.offsets[-1] + 1
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.offsets[start:end])

    def strip(self) -> MappedText:
        text = self.text
        lo, hi = 0, len(text)
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        return self.slice(lo, hi)

    def __len__(self) -> int:
        return len(self.text)


def join_lines(source: str, pieces: list[tuple[int, int]]) -> MappedText:
    """Join original ranges (lines) into one normalised text.

    Line breaks vanish (Chinese has no spaces between words); spaces next to wide characters
    are dropped; full-width digits and letters become ASCII; the private glyph is dropped.
    """
    chars: list[str] = []
    offsets: list[int] = []
    for start, end in pieces:
        for i in range(start, end):
            ch = source[i]
            if ch in "\r\n" or ch == PRIVATE_GLYPH:
                continue
            if ch in " \t\u3000":
                nxt = source[i + 1] if i + 1 < end else ""
                prev = chars[-1] if chars else ""
                if not prev or not nxt or prev == " " or _is_wide(prev) or _is_wide(nxt):
                    continue
                ch = " "
            chars.append(fold_char(ch))
            offsets.append(i)
    return MappedText("".join(chars), tuple(offsets))
