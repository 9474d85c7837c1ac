"""Dates and validity periods as xsd:date values (２０１９年１月１日至２０２１年１２月３１日)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_DATE = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
RANGE = re.compile(rf"自?{_DATE}\s*(?:至|到|—|－|-|～)\s*{_DATE}")
SINCE = re.compile(rf"自{_DATE}(?:起|开始)")
UNTIL = re.compile(rf"(?:截至|截止到?|到|至){_DATE}|{_DATE}(?:前|以前|之前)")
SINGLE = re.compile(_DATE)
YEAR_END = re.compile(r"(\d{4})年(?:年)?底(?:前|以前|之前)")
FIVE_YEAR = re.compile(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?(?:期间|时期)")
FIVE_YEAR_START = {"十三五": 2016, "十四五": 2021, "十五五": 2026, "十二五": 2011}


@dataclass(frozen=True)
class PeriodMatch:
    start: int
    end: int
    first: date | None
    last: date | None


def _date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def extract_periods(text: str) -> list[PeriodMatch]:
    found: list[PeriodMatch] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(s: int, e: int, first: date | None, last: date | None) -> None:
        if (first or last) and free(s, e):
            found.append(PeriodMatch(s, e, first, last))
            taken.append((s, e))

    for m in RANGE.finditer(text):
        add(m.start(), m.end(), _date(*m.group(1, 2, 3)), _date(*m.group(4, 5, 6)))
    for m in SINCE.finditer(text):
        add(m.start(), m.end(), _date(*m.group(1, 2, 3)), None)
    for m in UNTIL.finditer(text):
        parts = m.group(1, 2, 3) if m.group(1) else m.group(4, 5, 6)
        add(m.start(), m.end(), None, _date(*parts))
    for m in YEAR_END.finditer(text):
        add(m.start(), m.end(), None, date(int(m.group(1)), 12, 31))
    for m in FIVE_YEAR.finditer(text):
        first_year = FIVE_YEAR_START.get(m.group(1))
        if first_year:
            add(m.start(), m.end(), date(first_year, 1, 1), date(first_year + 4, 12, 31))
    for m in SINGLE.finditer(text):
        day = _date(*m.group(1, 2, 3))
        add(m.start(), m.end(), day, day)
    return sorted(found, key=lambda p: p.start)
