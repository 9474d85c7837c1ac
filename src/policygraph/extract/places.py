"""Places a text names: regions by full or short name, zones, region groups, abbreviations
(四辽吉松 → 四平 辽源 吉林 松原) and the province when the text means it (全省, 我省, 省内).

One longest-first scan over every label, so 长白山 is never read as 白山 and 长春新区 is a zone
that also names 长春."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

PROVINCE = "province"
ABBREVIATION = "abbreviation"
NOT_A_PLACE = "not-a-place"

# A bare 吉林 is the city only where the text treats it as one of a list of cities or as
# a city by suffix; 数字吉林, 吉林医药 … mean the province and are left unlinked.
_CITY_AFTER = re.compile(r"^(市|、|（中新）|\(中新\)|地区|两市|和|及|，|,)")
_CITY_BEFORE = re.compile(r"(、|长春|和|及)$")


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    kind: str  # region | zone | area
    key: str


@dataclass(frozen=True)
class PlaceWord:
    text: str
    kind: str  # province | abbreviation | not-a-place
    members: tuple[str, ...]


class Gazetteer:
    """Every label of every place, compiled once into a longest-first pattern."""

    def __init__(
        self,
        regions: dict[str, str],
        zones: dict[str, str],
        areas: dict[str, str],
        words: list[PlaceWord],
        ambiguous: dict[str, str] | None = None,
    ):
        self.labels: dict[str, tuple[str, tuple[str, ...]]] = {}
        for label, code in regions.items():
            self.labels[label] = ("region", (code,))
        for label, zone in zones.items():
            self.labels[label] = ("zone", (zone,))
        for label, area in areas.items():
            self.labels[label] = ("area", (area,))
        for w in words:
            kind = {PROVINCE: "region", ABBREVIATION: ABBREVIATION}.get(w.kind, NOT_A_PLACE)
            self.labels[w.text] = (kind, w.members)
        self.ambiguous = ambiguous or {}
        self._pattern = _compile(self.labels)
        inner = {
            k: v for k, v in self.labels.items() if v[0] in ("region", ABBREVIATION, NOT_A_PLACE)
        }
        self._inner_pattern = _compile(inner)

    def find(self, text: str) -> list[PlaceMatch]:
        """Places named in text, in order; a zone or group also yields the places in its name."""
        return self._scan(text, self._pattern, nested=True)

    def _scan(self, text: str, pattern: re.Pattern[str] | None, nested: bool) -> list[PlaceMatch]:
        if pattern is None:
            return []
        found: list[PlaceMatch] = []
        for m in pattern.finditer(text):
            label = m.group(0)
            kind, keys = self.labels[label]
            if kind == NOT_A_PLACE:
                continue
            if label in self.ambiguous and not _reads_as_city(text, m.start(), m.end()):
                continue
            if kind == ABBREVIATION:
                found.extend(PlaceMatch(m.start(), m.end(), "region", k) for k in keys)
                continue
            found.append(PlaceMatch(m.start(), m.end(), kind, keys[0]))
            if nested and kind in ("zone", "area"):
                for inner in self._scan(label, self._inner_pattern, nested=False):
                    found.append(
                        PlaceMatch(
                            m.start() + inner.start, m.start() + inner.end, inner.kind, inner.key
                        )
                    )
        return found


def _compile(labels: Mapping[str, object]) -> re.Pattern[str] | None:
    if not labels:
        return None
    ordered = sorted(labels, key=lambda s: (-len(s), s))
    return re.compile("|".join(re.escape(s) for s in ordered))


def _reads_as_city(text: str, start: int, end: int) -> bool:
    return bool(_CITY_AFTER.match(text[end:]) or _CITY_BEFORE.search(text[:start]))
