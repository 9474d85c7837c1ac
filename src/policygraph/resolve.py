"""Printed names → reference keys: which department 省发展改革委 is, which plan 《…》 names.

A name the reference data does not know still becomes a node (keyed by its printed form) and
a warning, so the clause keeps its responsibility and a reviewer sees what to add."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .extract.industries import IndustryMatcher
from .extract.places import Gazetteer
from .extract.places import PlaceWord as GazetteerWord
from .reference import Reference

UNLISTED_PREFIX = "x-"


@dataclass(frozen=True)
class Resolved:
    key: str
    known: bool


def _folded(label: str) -> str:
    label = unicodedata.normalize("NFKC", label)
    label = re.sub(r"\s+", "", label)
    return label.replace("〔", "(").replace("〕", ")").replace("（", "(").replace("）", ")")


def _dashless(title: str) -> str:
    return re.sub(r"[—–\-－·“”\"]", "", _folded(title))


class Resolver:
    """Lookups built once per reference directory."""

    def __init__(self, reference: Reference):
        self.reference = reference
        self._departments = {_folded(k): v for k, v in reference.department_by_label.items()}
        self._plans = {_dashless(k): v for k, v in reference.plan_by_title.items()}
        self.gazetteer = Gazetteer(
            regions=reference.region_by_name,
            zones=reference.zone_by_name,
            areas=reference.area_by_name,
            words=[
                GazetteerWord(w.text, w.kind, w.members) for w in reference.place_words.values()
            ],
            ambiguous={"吉林": "220200"},
        )
        self.industries = IndustryMatcher(reference.industry_by_label)

    def department(self, printed: str) -> Resolved:
        """省发展改革委 → jl-drc; also 吉林省…→省…, 〔州〕→（州）, …市 → …市政府."""
        for candidate in _department_candidates(printed):
            key = self._departments.get(_folded(candidate))
            if key:
                return Resolved(key, True)
        return Resolved(UNLISTED_PREFIX + _folded(printed), False)

    def plan(self, title: str) -> Resolved:
        key = self._plans.get(_dashless(title))
        if key:
            return Resolved(key, True)
        return Resolved(UNLISTED_PREFIX + _dashless(title), False)


def _department_candidates(printed: str) -> list[str]:
    out = [printed]
    if printed.startswith("吉林省"):
        out.append("省" + printed[3:])
    if printed.endswith("人民政府"):
        out.append(printed[:-4] + "政府")
    elif printed.endswith(("市", "州", "县")):
        out.append(printed + "政府")
    return out


def guess_level(printed: str) -> str:
    """The level of a body the reference data does not list, read from its name."""
    if re.search(r"(相关|有关|各)", printed):
        return "collective"
    if re.search(r"(市|州|县|区)(人民)?政府$", printed):
        return "municipal"
    if printed.startswith(("省", "吉林省")):
        return "province"
    return "central"
