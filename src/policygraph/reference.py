"""Reviewed reference data (places, plans, departments, industries) loaded from data/reference/.

Extraction matches clause text against these labels and the graph mints IRIs from their keys,
so the tables are hand-reviewed, kept sorted, and checked by one linter, never guessed at build.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from policygraph.errors import InputError
from policygraph.paths import REFERENCE_DIR

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
from .reference_tables import COLUMNS, LINT_HINT, read_tables

__all__ = [
    "Area",
    "Department",
    "Industry",
    "PlaceWord",
    "Plan",
    "Reference",
    "Region",
    "Zone",
    "iter_region_ancestors",
    "label_keys",
    "lint_reference",
    "load_reference",
]


@lru_cache(maxsize=8)
def _load(directory: Path) -> Reference:
    reference, problems = read_tables(directory)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise InputError(first.location, first.problem + more, LINT_HINT)
    return reference


def load_reference(directory: Path = REFERENCE_DIR) -> Reference:
    """Load and check every reference table once per directory; bad data raises InputError."""
    return _load(Path(directory).resolve())


def lint_reference(directory: Path = REFERENCE_DIR) -> list[str]:
    """Every problem in the reference tables as "file:line: problem" (empty when clean)."""
    problems = read_tables(Path(directory))[1]
    order = {name: i for i, name in enumerate(COLUMNS)}
    problems.sort(key=lambda p: (order.get(Path(p.location.file).name, 0), p.location.line or 0))
    return [str(p) for p in problems]


def iter_region_ancestors(reference: Reference, code: str) -> Iterator[Region]:
    """The region's parents, nearest first (for roll-ups by prefecture or province)."""
    parent = reference.regions[code].parent
    while parent is not None:
        region = reference.regions[parent]
        yield region
        parent = region.parent


def main(argv: list[str] | None = None) -> int:
    """`python -m policygraph.reference [DIR]`: lint, print problems, exit 0 (clean) or 2."""
    args = sys.argv[1:] if argv is None else argv
    problems = lint_reference(Path(args[0]) if args else REFERENCE_DIR)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 2 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
