"""One error family whose message always says where: "file:line: problem — hint"."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class PolicyGraphError(Exception):
    """Base of every error a user may see; CLI and API turn these into messages, not tracebacks."""

    exit_code = 2


@dataclass(frozen=True)
class Location:
    """A place in an input file (1-based line; column optional)."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


def display_path(path: str | Path) -> str:
    """Paths relative to the working directory when possible, so messages stay short."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(p)


class InputError(PolicyGraphError):
    """Bad input: a file, line and problem, with a hint how to fix it."""

    def __init__(self, location: Location | str, problem: str, hint: str | None = None):
        self.location = location
        self.problem = problem
        self.hint = hint
        text = f"{location}: {problem}"
        if hint:
            text += f" — {hint}"
        super().__init__(text)


class NotConformant(PolicyGraphError):
    """The built graph violates its SHACL shapes."""

    exit_code = 1
