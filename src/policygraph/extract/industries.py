"""Industries a clause names, found by the labels of the SKOS scheme (longest label first, so
冰雪旅游 is not also counted as 旅游)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class IndustryMatch:
    start: int
    end: int
    key: str


class IndustryMatcher:
    def __init__(self, labels: dict[str, str]):
        self.labels = labels
        ordered = sorted(labels, key=lambda s: (-len(s), s))
        self._pattern = re.compile("|".join(re.escape(s) for s in ordered)) if ordered else None

    def find(self, text: str) -> list[IndustryMatch]:
        if self._pattern is None:
            return []
        return [
            IndustryMatch(m.start(), m.end(), self.labels[m.group(0)])
            for m in self._pattern.finditer(text)
        ]
