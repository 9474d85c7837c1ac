"""Money and percentages as values: ５０－２００万元 → 500000–2000000 CNY; caps (最高不超过),
thresholds (以上, 首次超过) and plain sums told apart by the words around them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_NUM = r"\d+(?:\.\d+)?"
_TO = r"\s*[-－—–~～至到]\s*"
MONEY = re.compile(rf"({_NUM})(?:{_TO}({_NUM}))?\s*(万|亿)?元")
PERCENT = re.compile(rf"({_NUM})(?:{_TO}({_NUM}))?\s*[%％]")
MULTIPLIER = {None: Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}

CAP_BEFORE = re.compile(r"(不超过|不高于|最高|最多|上限为?|以内的?)$")
CAP_AFTER = re.compile(r"^(以内|以下|封顶)")
THRESHOLD_BEFORE = re.compile(r"(超过|达到|达|不低于|不少于|首次超过|首次达到|以上的?)$")
THRESHOLD_AFTER = re.compile(r"^(及以上|以上|（含）以上)")
LIST_JOIN = re.compile(r"^[、和及或]$")
CONTEXT = 8


@dataclass(frozen=True)
class AmountMatch:
    start: int
    end: int
    unit: str  # CNY | percent
    kind: str  # Exact | Range | Cap | Threshold
    minimum: Decimal
    maximum: Decimal


def _kind(text: str, start: int, end: int, is_range: bool, previous: AmountMatch | None) -> str:
    before = re.split(r"[，。；：,]", text[max(0, start - CONTEXT) : start])[-1]
    after = text[end : end + 4]
    if previous and LIST_JOIN.match(text[previous.end : start]):
        # 首次超过１０亿元、２０亿元和５０亿元: a list shares the words before its first item
        return previous.kind if previous.kind != "Range" else ("Range" if is_range else "Exact")
    if CAP_BEFORE.search(before) or CAP_AFTER.match(after):
        return "Cap"
    if THRESHOLD_BEFORE.search(before) or THRESHOLD_AFTER.match(after):
        return "Threshold"
    return "Range" if is_range else "Exact"


def extract_amounts(text: str) -> list[AmountMatch]:
    found: list[AmountMatch] = []
    for pattern, unit in ((MONEY, "CNY"), (PERCENT, "percent")):
        previous: AmountMatch | None = None
        for m in pattern.finditer(text):
            if m.start() > 0 and text[m.start() - 1].isdigit():
                continue
            scale = MULTIPLIER[m.group(3)] if unit == "CNY" else Decimal(1)
            low = Decimal(m.group(1)) * scale
            high = Decimal(m.group(2)) * scale if m.group(2) else low
            if high < low:
                continue
            kind = _kind(text, m.start(), m.end(), m.group(2) is not None, previous)
            match = AmountMatch(m.start(), m.end(), unit, kind, low, high)
            found.append(match)
            previous = match
    return sorted(found, key=lambda a: a.start)
