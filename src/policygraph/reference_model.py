"""The reference tables as Python values: frozen records keyed by code or id, and the label
lookups that extraction matches text against."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    short_names: tuple[str, ...]
    level: str
    kind: str
    parent: str | None
    pinyin: str
    lat: Decimal | None
    lon: Decimal | None


@dataclass(frozen=True)
class Zone:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    region: str


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    aliases: tuple[str, ...]
    period_start: int | None
    period_end: int | None
    areas: tuple[str, ...]


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    short_names: tuple[str, ...]
    level: str
    parent: str | None
    seat: str | None
    english: str


@dataclass(frozen=True)
class PlaceWord:
    """A word that names places without being one: 全省 (the province), 四辽吉松 (four cities),
    or a word that contains a place name but is no place (长白山, 图们江)."""

    text: str
    kind: str  # province | abbreviation | not-a-place
    members: tuple[str, ...]


@dataclass(frozen=True)
class Industry:
    id: str
    label_zh: str
    label_en: str
    broader: str | None
    alt_labels: tuple[str, ...]


def label_keys(label: str) -> set[str]:
    """The printed label and its NFKC, whitespace-free form, so （２０１８） matches (2018)."""
    return {label, re.sub(r"\s+", "", unicodedata.normalize("NFKC", label))}


@dataclass
class Reference:
    """All reference tables, keyed by code or id, with label lookups built once."""

    regions: dict[str, Region]
    zones: dict[str, Zone]
    areas: dict[str, Area]
    plans: dict[str, Plan]
    departments: dict[str, Department]
    industries: dict[str, Industry]
    place_words: dict[str, PlaceWord] = field(default_factory=dict)
    region_by_name: dict[str, str] = field(init=False)
    zone_by_name: dict[str, str] = field(init=False)
    area_by_name: dict[str, str] = field(init=False)
    plan_by_title: dict[str, str] = field(init=False)
    department_by_label: dict[str, str] = field(init=False)
    industry_by_label: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        def index(items: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
            out: dict[str, str] = {}
            for key, labels in items:
                for label in labels:
                    for k in label_keys(label):
                        out.setdefault(k, key)
            return out

        self.region_by_name = index(
            (r.code, (r.name, *r.short_names)) for r in self.regions.values()
        )
        self.zone_by_name = index((z.id, (z.name, *z.aliases)) for z in self.zones.values())
        self.area_by_name = index((a.id, (a.name, *a.aliases)) for a in self.areas.values())
        self.plan_by_title = index((p.id, (p.title, *p.aliases)) for p in self.plans.values())
        self.department_by_label = index(
            (d.id, (d.name, *d.short_names)) for d in self.departments.values()
        )
        self.industry_by_label = index(
            (i.id, (i.label_zh, *i.alt_labels)) for i in self.industries.values()
        )
