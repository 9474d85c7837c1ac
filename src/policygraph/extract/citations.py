"""Cited documents: titles in 《…》 and document numbers such as 吉政办发〔２０１９〕３号, joined
when the number follows its title."""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE = re.compile(r"《([^《》]{2,80})》")
NUMBER = re.compile(r"([\u4e00-\u9fff]{1,8}\s*[〔\[［（(]\s*\d{4}\s*[〕\]］）)]\s*\d{1,4}\s*号)")
NOT_CITED = {"规划"}  # 简称《规划》 refers back to the plan, not to another document


@dataclass(frozen=True)
class CitationMatch:
    start: int
    end: int
    title: str | None
    number: str | None


def normalise_number(number: str) -> str:
    """吉政办发 〔2019〕 3号 → 吉政办发〔2019〕3号 with the usual 〔〕 brackets."""
    number = re.sub(r"\s+", "", number)
    return re.sub(r"[\[［（(](\d{4})[\]］）)]", r"〔\1〕", number)


def extract_citations(text: str) -> list[CitationMatch]:
    found: list[CitationMatch] = []
    used_numbers: set[int] = set()
    for m in TITLE.finditer(text):
        title = m.group(1).strip()
        if title in NOT_CITED:
            continue
        end, number = m.end(), None
        follow = re.match(r"\s*[（(]\s*", text[end:])
        if follow:
            n = NUMBER.match(text, end + follow.end())
            if n:
                number = normalise_number(n.group(1))
                used_numbers.add(n.start())
                close = re.match(r"\s*[）)]", text[n.end() :])
                end = n.end() + (close.end() if close else 0)
        found.append(CitationMatch(m.start(), end, title, number))
    for n in NUMBER.finditer(text):
        if n.start() not in used_numbers and not any(c.start <= n.start() < c.end for c in found):
            found.append(CitationMatch(n.start(), n.end(), None, normalise_number(n.group(1))))
    return sorted(found, key=lambda c: c.start)
