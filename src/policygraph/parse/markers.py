"""Numbering markers at the start of a line: the ways this family of documents numbers its
sections and clauses (一、 （一） 1. １． bare １ followed by the U+E010 glyph, 第一条)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.numerals import CHINESE_NUMERAL, chinese_to_int, digits_to_int

_D = "[0-9０-９]"
_CJK_START = r"(?=[\u4e00-\u9fff“‘《（(「])"

STYLES = ("section", "article", "paren", "dotted", "bare")
# Clause level is the highest of these present below the section level.
CLAUSE_PRIORITY = ("article", "paren", "dotted", "bare")

_PATTERNS: dict[str, re.Pattern[str]] = {
    "section": re.compile(
        rf"^(?:第({CHINESE_NUMERAL})[章部分]+|({CHINESE_NUMERAL})\s*[、，,．.])\s*(.*)$"
    ),
    "article": re.compile(rf"^第({CHINESE_NUMERAL})条\s*(.*)$"),
    "paren": re.compile(rf"^[（(]\s*({CHINESE_NUMERAL})\s*[）)]\s*(.*)$"),
    "dotted": re.compile(rf"^({_D}{{1,3}})\s*[．.、]\s*\ue010?\s*{_CJK_START}(.*)$"),
    "bare": re.compile(rf"^({_D}{{1,3}})\s*\ue010?\s*{_CJK_START}(.*)$"),
}


@dataclass(frozen=True)
class Marker:
    style: str
    number: int
    printed: str  # the numeral as printed (一, １２ …)
    rest: str  # the line after the marker
    offset: int  # characters from the line start to the text after the marker


def read_marker(text: str) -> Marker | None:
    """The numbering marker a line starts with, if any (the most specific style wins)."""
    for style in ("article", "paren", "section", "dotted", "bare"):
        m = _PATTERNS[style].match(text)
        if not m:
            continue
        groups = [g for g in m.groups()[:-1] if g]
        printed, rest_group = groups[0], m.lastindex or 2
        number = (
            chinese_to_int(printed)
            if style in ("section", "article", "paren")
            else (digits_to_int(printed))
        )
        if number is None or number == 0:
            continue
        return Marker(style, number, printed, m.group(rest_group), m.start(rest_group))
    return None
