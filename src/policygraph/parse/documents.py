"""Where documents begin: a title of one to three lines such as 关于支持…的若干政策, and the
plans its preamble names in 《…》 (a closing 》 may be missing)."""

from __future__ import annotations

import re

from ..model import PlanReference
from ..text.normalise import MappedText, to_halfwidth
from .lines import Line, SourceText
from .markers import read_marker

TITLE_END = re.compile(
    r"(政策|措施|意见|方案|办法|细则|规定|计划|通知|决定|纲要)(（[^（）]{1,12}）)?$"
)
TITLE_START = re.compile(r"^(关于|吉林省|.*若干)")
# a title that starts otherwise still counts when a preamble sentence follows it
PREAMBLE_START = ("为", "根据", "按照", "近年来", "各市", "省政府各")
NOT_IN_TITLE = re.compile(r"[，。；：！？,;]")
MAX_TITLE_LINES = 3
TITLE_LINE_SHARE = 0.85  # of the usual body line; and never less than SHORTEST_TITLE_LINE
SHORTEST_TITLE_LINE = 24

_YEAR = r"([0-9]{4})"
_DASH = r"\s*[—－\-–~～至]+\s*"
PLAN_IN_BRACKETS = re.compile(
    rf"《((?:[^《》（()]|[（(][^）)0-9]{{1,4}}[）)])+?)\s*(?:[（(]{_YEAR}{_DASH}{_YEAR}年?[）)])?\s*(?:》|(?=实施|》))"
)
PLAN_IN_QUOTES = re.compile(r"[“\"]([^”\"]{1,20})[”\"]\s*(规划)")
NOT_A_PLAN = {"规划"}


def title_at(source: SourceText, lines: list[Line], i: int, max_line: float) -> int:
    """How many lines from lines[i] form a document title (0 when none does).

    Titles are set in a larger type, so their lines are shorter than the body's; a full-width
    line that happens to end in 政策 is a wrapped sentence, not a title."""
    first = lines[i]
    if read_marker(first.text) or first.text.startswith("《") or len(first.text) < 6:
        return 0
    for k in range(1, MAX_TITLE_LINES + 1):
        if i + k > len(lines):
            return 0
        chunk = lines[i : i + k]
        if NOT_IN_TITLE.search(chunk[-1].text) or len(chunk[-1].text) > max_line:
            return 0
        text = source.join(chunk).text
        if len(text) > 80:
            return 0
        if TITLE_END.search(text) and (TITLE_START.match(text) or _preamble_follows(lines, i + k)):
            return k
    return 0


def _preamble_follows(lines: list[Line], j: int) -> bool:
    return j < len(lines) and lines[j].text.startswith(PREAMBLE_START)


def find_plans(source: SourceText, preamble: MappedText) -> tuple[PlanReference, ...]:
    """Plans the preamble says the document implements, in order of appearance."""
    text = preamble.text
    found: list[tuple[int, int, str, int | None, int | None]] = []
    for m in PLAN_IN_BRACKETS.finditer(text):
        title = m.group(1).strip()
        if title in NOT_A_PLAN or ("规划" not in title and "方案" not in title):
            continue
        start = int(m.group(2)) if m.group(2) else None
        end = int(m.group(3)) if m.group(3) else None
        found.append((m.start(), m.end(), title, start, end))
    if not found:
        for m in PLAN_IN_QUOTES.finditer(text):
            found.append((m.start(), m.end(), to_halfwidth(m.group(1)) + "规划", None, None))
    return tuple(
        PlanReference(title, ps, pe, source.mapped_span(preamble, s, e))
        for s, e, title, ps, pe in found
    )
