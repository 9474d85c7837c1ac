"""Where documents begin: a title of one to three lines such as 关于支持…的若干政策, and the
plans its preamble names in 《…》 (a closing 》 may be missing)."""

from __future__ import annotations

import re

from ..model import PlanReference
from ..text.normalise import MappedText, to_halfwidth
from .lines import Line, SourceText
from .markers import read_marker

TITLE_END = re.compile(
    r"(若干政策|若干措施|政策措施|若干意见|实施意见|实施方案|工作方案|行动方案|的意见|的通知|的决定"
    r"|管理办法|实施办法|实施细则|若干规定)$"
)
TITLE_START = re.compile(r"^(关于|吉林省|.*若干)")
NOT_IN_TITLE = re.compile(r"[，。；：！？,;]")
MAX_TITLE_LINES = 3

_YEAR = r"([0-9]{4})"
_DASH = r"\s*[—－\-–~～至]+\s*"
PLAN_IN_BRACKETS = re.compile(
    rf"《((?:[^《》（()]|[（(][^）)0-9]{{1,4}}[）)])+?)\s*(?:[（(]{_YEAR}{_DASH}{_YEAR}年?[）)])?\s*(?:》|(?=实施|》))"
)
PLAN_IN_QUOTES = re.compile(r"[“\"]([^”\"]{1,20})[”\"]\s*(规划)")
NOT_A_PLAN = {"规划"}


def title_at(source: SourceText, lines: list[Line], i: int) -> int:
    """How many lines from lines[i] form a document title (0 when none does)."""
    first = lines[i]
    if read_marker(first.text) or first.text.startswith("《") or len(first.text) < 6:
        return 0
    for k in range(1, MAX_TITLE_LINES + 1):
        if i + k > len(lines):
            return 0
        chunk = lines[i : i + k]
        if NOT_IN_TITLE.search(chunk[-1].text):
            return 0
        text = source.join(chunk).text
        if len(text) > 80:
            return 0
        if TITLE_END.search(text) and TITLE_START.match(text):
            return k
    return 0


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
