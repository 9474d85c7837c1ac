"""Reading data/reference/*.csv with every check the linter reports: columns, sorted unique keys,
references that resolve, vocabularies, codes and cycles — each problem with its file and line."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from policygraph.errors import Location, display_path

from .reference_model import (
    Area,
    Department,
    Industry,
    PlaceWord,
    Plan,
    Reference,
    Region,
    Zone,
    label_keys,
)

LIST_SEP = "|"
REGION_LEVELS = ("province", "prefecture", "county", "town")
REGION_KINDS = frozenset(
    {"省", "地级市", "自治州", "地区", "盟", "市辖区", "县级市", "县", "自治县", "旗", "自治旗"}
    | {"林区", "特区", "镇", "乡", "民族乡", "街道"}
)
DEPARTMENT_LEVELS = frozenset({"province", "municipal", "central", "collective", "enterprise"})
PLACE_WORD_KINDS = frozenset({"province", "abbreviation", "not-a-place"})
AREA_KINDS = frozenset({"circle", "corridor", "belt", "loop", "channel", "base", "integration"})
CODE_RE = re.compile(r"^\d{6}(\d{3})?$")
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PINYIN_RE = re.compile(r"^[a-z]+$")
YEAR_RE = re.compile(r"^\d{4}$")
LINT_HINT = "fix the file, then run `policygraph reference lint`"


@dataclass(frozen=True)
class Problem:
    location: Location
    problem: str

    def __str__(self) -> str:
        return f"{self.location}: {self.problem}"


# -- reading ---------------------------------------------------------------------------------

COLUMNS = {
    "regions.csv": (
        "code",
        "name",
        "short_names",
        "level",
        "kind",
        "parent",
        "pinyin",
        "lat",
        "lon",
    ),
    "zones.csv": ("id", "name", "aliases", "kind", "region"),
    "areas.csv": ("id", "name", "kind", "aliases", "members", "note"),
    "plans.csv": ("id", "title", "aliases", "period_start", "period_end", "areas"),
    "departments.csv": ("id", "name", "short_names", "level", "parent", "seat", "english"),
    "industries.csv": ("id", "label_zh", "label_en", "broader", "alt_labels"),
    "place_words.csv": ("text", "kind", "members", "note"),
}
# Columns that must not be empty (the key is always required).
REQUIRED = {
    "regions.csv": ("name", "level", "kind", "pinyin"),
    "zones.csv": ("name", "kind", "region"),
    "areas.csv": ("name", "kind", "members"),
    "plans.csv": ("title", "areas"),
    "departments.csv": ("name", "level", "english"),
    "industries.csv": ("label_zh", "label_en"),
    "place_words.csv": ("kind",),
}
# Labels matched in text; within a group one label names one thing (places share a group
# because regions, zones and areas are matched in the same clause text).
LABELS = {
    "regions.csv": ("name", "short_names"),
    "zones.csv": ("name", "aliases"),
    "areas.csv": ("name", "aliases"),
    "plans.csv": ("title", "aliases"),
    "departments.csv": ("name", "short_names"),
    "industries.csv": ("label_zh", "alt_labels"),
}
LABEL_GROUPS = {
    "place": ("regions.csv", "zones.csv", "areas.csv"),
    "plan": ("plans.csv",),
    "department": ("departments.csv",),
    "industry": ("industries.csv",),
}


@dataclass(frozen=True)
class Row:
    location: Location
    cells: dict[str, str]

    def list(self, column: str) -> tuple[str, ...]:
        value = self.cells[column]
        return tuple(value.split(LIST_SEP)) if value else ()

    def opt(self, column: str) -> str | None:
        return self.cells[column] or None


class _Checker:
    """Collects problems while reading: load raises the first, lint lists them all."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.problems: list[Problem] = []

    def add(self, location: Location, problem: str) -> None:
        self.problems.append(Problem(location, problem))

    def read(self, name: str) -> list[Row]:
        path = self.directory / name
        where = display_path(path)
        if not path.is_file():
            self.add(Location(where), "file is missing")
            return []
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self.add(Location(where), f"is not UTF-8 ({exc.reason} at byte {exc.start})")
            return []
        if text.startswith("\ufeff"):
            self.add(Location(where, 1), "starts with a byte-order mark")
            text = text[1:]
        reader = csv.reader(text.splitlines())
        header = next(reader, None)
        expected = COLUMNS[name]
        if header is None:
            self.add(Location(where, 1), "is empty; expected a header row")
            return []
        missing = [c for c in expected if c not in header]
        unknown = [c for c in header if c not in expected]
        if missing:
            self.add(Location(where, 1), f"missing column(s) {', '.join(missing)}")
            return []
        if unknown:
            self.add(Location(where, 1), f"unknown column(s) {', '.join(unknown)}")
        rows: list[Row] = []
        for cells in reader:
            loc = Location(where, reader.line_num)
            if not any(cells):
                self.add(loc, "blank line")
                continue
            if len(cells) != len(header):
                self.add(loc, f"has {len(cells)} fields, header has {len(header)}")
                continue
            row = dict(zip(header, cells, strict=True))
            for column, value in row.items():
                if value != value.strip():
                    self.add(loc, f"{column} has leading or trailing spaces")
                if LIST_SEP in value:
                    items = value.split(LIST_SEP)
                    if any(not i.strip() for i in items):
                        self.add(loc, f"{column} has an empty list item")
                    if any(i != i.strip() for i in items if i.strip()):
                        self.add(loc, f"{column} has leading or trailing spaces")
                    if len(set(items)) != len(items):
                        self.add(loc, f"{column} repeats an item")
            row = {c: v.strip() for c, v in row.items()}
            for column in (expected[0], *REQUIRED[name]):
                if not row[column]:
                    self.add(loc, f"empty {column}")
            rows.append(Row(loc, row))
        self.check_keys(rows, expected[0])
        return rows

    def check_keys(self, rows: list[Row], key: str) -> None:
        seen: dict[str, Location] = {}
        previous: str | None = None
        for row in rows:
            value = row.cells[key]
            if not value:
                continue
            if value in seen:
                self.add(
                    row.location, f"duplicate {key} {value} (first on line {seen[value].line})"
                )
            seen.setdefault(value, row.location)
            if previous is not None and value < previous:
                self.add(row.location, f"rows not sorted by {key}: {value} comes after {previous}")
            previous = value

    def check_id(self, row: Row) -> None:
        if row.cells["id"] and not ID_RE.match(row.cells["id"]):
            self.add(row.location, f"id {row.cells['id']!r} is not a lowercase ascii slug")

    def check_ref(self, row: Row, column: str, known: Mapping[str, object], what: str) -> None:
        for value in row.list(column):
            if value not in known:
                self.add(row.location, f"{column} {value} is not a known {what}")

    def check_vocab(self, row: Row, column: str, allowed: Iterable[str]) -> None:
        value = row.cells[column]
        if value and value not in allowed:
            self.add(row.location, f"{column} {value!r} is not one of {', '.join(sorted(allowed))}")

    def check_unique_labels(self, entries: Iterable[tuple[Row, str, Iterable[str]]]) -> None:
        owner: dict[str, str] = {}
        for row, key, labels in entries:
            for label in filter(None, labels):
                for k in label_keys(label):
                    if owner.setdefault(k, key) != key:
                        self.add(row.location, f"label {label} also names {owner[k]}")

    def check_cycles(self, rows: list[Row], key: str, parent: Callable[[Row], str | None]) -> None:
        parents = {r.cells[key]: parent(r) for r in rows}
        for row in rows:
            seen = {row.cells[key]}
            current = parents.get(row.cells[key])
            while current is not None and current in parents:
                if current in seen:
                    self.add(row.location, f"{key} {row.cells[key]} is part of a parent cycle")
                    break
                seen.add(current)
                current = parents[current]


def _decimal(checker: _Checker, row: Row, column: str, low: int, high: int) -> Decimal | None:
    value = row.cells[column]
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        checker.add(row.location, f"{column} {value!r} is not a decimal number")
        return None
    if not low <= number <= high:
        checker.add(row.location, f"{column} {value} is outside {low}..{high}")
    return number


def _year(checker: _Checker, row: Row, column: str) -> int | None:
    value = row.cells[column]
    if not value:
        return None
    if not YEAR_RE.match(value):
        checker.add(row.location, f"{column} {value!r} is not a four-digit year")
        return None
    return int(value)


def read_tables(directory: Path) -> tuple[Reference, list[Problem]]:
    """Every table read and checked: the reference (as far as it reads) and all problems found."""
    c = _Checker(directory)
    rows = {name: c.read(name) for name in COLUMNS}

    regions: dict[str, Region] = {}
    rank = {level: i for i, level in enumerate(REGION_LEVELS)}
    for row in rows["regions.csv"]:
        code, level = row.cells["code"], row.cells["level"]
        if code and not CODE_RE.match(code):
            c.add(row.location, f"code {code} is not a 6-digit GB/T 2260 code (9 digits for towns)")
        elif code and (len(code) == 9) != (level == "town"):
            c.add(row.location, f"code {code}: towns take 9 digits, other levels 6")
        c.check_vocab(row, "level", REGION_LEVELS)
        c.check_vocab(row, "kind", REGION_KINDS)
        if row.cells["pinyin"] and not PINYIN_RE.match(row.cells["pinyin"]):
            c.add(row.location, f"pinyin {row.cells['pinyin']!r} is not lowercase a-z")
        lat = _decimal(c, row, "lat", -90, 90)
        lon = _decimal(c, row, "lon", -180, 180)
        if (lat is None) != (lon is None):
            c.add(row.location, "lat and lon must be given together")
        regions[code] = Region(
            code, row.cells["name"], row.list("short_names"), level, row.cells["kind"],
            row.opt("parent"), row.cells["pinyin"], lat, lon,
        )  # fmt: skip
    for row in rows["regions.csv"]:
        region = regions[row.cells["code"]]
        if region.level == "province" and region.parent:
            c.add(row.location, "a province has no parent")
        elif region.level != "province" and not region.parent:
            c.add(row.location, f"{region.level} {region.code} needs a parent")
        elif region.parent and region.parent not in regions:
            c.add(row.location, f"parent {region.parent} is not a known region code")
        elif region.parent and rank.get(regions[region.parent].level, 9) >= rank.get(
            region.level, 9
        ):
            c.add(row.location, f"parent {region.parent} is not above {region.level} level")
    c.check_cycles(rows["regions.csv"], "code", lambda r: r.opt("parent"))

    zones: dict[str, Zone] = {}
    for row in rows["zones.csv"]:
        c.check_id(row)
        c.check_ref(row, "region", regions, "region code")
        zones[row.cells["id"]] = Zone(
            row.cells["id"], row.cells["name"], row.list("aliases"), row.cells["kind"],
            row.cells["region"],
        )  # fmt: skip

    areas: dict[str, Area] = {}
    for row in rows["areas.csv"]:
        c.check_id(row)
        c.check_vocab(row, "kind", AREA_KINDS)
        c.check_ref(row, "members", regions, "region code")
        areas[row.cells["id"]] = Area(
            row.cells["id"], row.cells["name"], row.cells["kind"], row.list("aliases"),
            row.list("members"), row.cells["note"],
        )  # fmt: skip

    plans: dict[str, Plan] = {}
    for row in rows["plans.csv"]:
        c.check_id(row)
        c.check_ref(row, "areas", areas, "area id")
        start, end = _year(c, row, "period_start"), _year(c, row, "period_end")
        if start and end and start > end:
            c.add(row.location, f"period_start {start} is after period_end {end}")
        plans[row.cells["id"]] = Plan(
            row.cells["id"], row.cells["title"], row.list("aliases"), start, end,
            row.list("areas"),
        )  # fmt: skip

    departments: dict[str, Department] = {}
    for row in rows["departments.csv"]:
        c.check_id(row)
        c.check_vocab(row, "level", DEPARTMENT_LEVELS)
        departments[row.cells["id"]] = Department(
            row.cells["id"], row.cells["name"], row.list("short_names"), row.cells["level"],
            row.opt("parent"), row.opt("seat"), row.cells["english"],
        )  # fmt: skip
    for row in rows["departments.csv"]:
        c.check_ref(row, "parent", departments, "department id")
        c.check_ref(row, "seat", regions, "region code")
        if row.cells["level"] == "municipal" and not row.cells["seat"]:
            c.add(row.location, "a municipal body needs a seat (region code)")
    c.check_cycles(rows["departments.csv"], "id", lambda r: r.opt("parent"))

    industries: dict[str, Industry] = {}
    for row in rows["industries.csv"]:
        c.check_id(row)
        industries[row.cells["id"]] = Industry(
            row.cells["id"], row.cells["label_zh"], row.cells["label_en"], row.opt("broader"),
            row.list("alt_labels"),
        )  # fmt: skip
    for row in rows["industries.csv"]:
        c.check_ref(row, "broader", industries, "industry id")
    c.check_cycles(rows["industries.csv"], "id", lambda r: r.opt("broader"))

    for names in LABEL_GROUPS.values():
        c.check_unique_labels(
            (row, row.cells[COLUMNS[name][0]], (x for col in LABELS[name] for x in row.list(col)))
            for name in names
            for row in rows[name]
        )  # fmt: skip

    place_words: dict[str, PlaceWord] = {}
    for row in rows["place_words.csv"]:
        c.check_vocab(row, "kind", PLACE_WORD_KINDS)
        c.check_ref(row, "members", regions, "region code")
        if (row.cells["kind"] == "not-a-place") != (not row.cells["members"]):
            c.add(row.location, "members are required except for not-a-place words")
        place_words[row.cells["text"]] = PlaceWord(
            row.cells["text"], row.cells["kind"], row.list("members")
        )

    reference = Reference(regions, zones, areas, plans, departments, industries, place_words)
    return reference, c.problems
