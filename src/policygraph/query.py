"""Saved queries from queries/*.rq: comment headers say what each does and what it takes; parameters
are bound as typed RDF terms through the store (substitution), never spliced into the text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from .errors import InputError, Location, display_path
from .paths import QUERIES_DIR
from .sparql.errors import BadRequest

HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
PARAM = re.compile(
    r"^(?P<name>\w+)\s*\((?P<type>\w+)(?:\s*,\s*(?P<doc>[^)]*))?\)\s*"
    r"(?:example:\s*(?P<example>.*))?$"
)
TYPES = ("string", "integer", "decimal", "date", "iri")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str = ""
    example: str | None = None

    def to_term(self, value: str):
        """The text of a parameter as a typed RDF term; a 400 when it does not parse."""
        try:
            if self.type == "integer":
                return Literal(int(value), datatype=XSD.integer)
            if self.type == "decimal":
                return Literal(Decimal(value), datatype=XSD.decimal)
            if self.type == "date":
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    raise ValueError(value)
                return Literal(value, datatype=XSD.date)
            if self.type == "iri":
                if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value):
                    raise ValueError(value)
                return URIRef(value)
        except (ValueError, InvalidOperation):
            raise BadRequest(
                f"parameter {self.name}: {value!r} is not a valid {self.type}",
                f"example: {self.name}={self.example}" if self.example else None,
            ) from None
        return Literal(value)


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)

    def bindings(self, values: Mapping[str, str], *, use_examples: bool = False) -> dict:
        """Typed bindings for the given values; unknown names and missing values are 400s."""
        known = {p.name: p for p in self.params}
        unknown = set(values) - set(known)
        if unknown:
            raise BadRequest(
                f"query {self.name} has no parameter {', '.join(sorted(unknown))}",
                "parameters: " + (", ".join(known) or "none"),
            )
        out = {}
        for p in self.params:
            value = values.get(p.name, p.example if use_examples else None)
            if value is None:
                raise BadRequest(
                    f"query {self.name} needs parameter {p.name} ({p.type})",
                    f"e.g. {p.name}={p.example}" if p.example else None,
                )
            out[p.name] = p.to_term(str(value))
        return out

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "params": [vars(p) | {} for p in self.params],
            "query": self.text,
        }


def parse_saved_query(path: Path) -> SavedQuery:
    """Read one .rq file and its leading `# key: value` headers."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {"title": "", "description": ""}
    params = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        m = HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key != "param":
            fields[key] = value
            continue
        pm = PARAM.match(value)
        if not pm or pm.group("type") not in TYPES:
            raise InputError(
                Location(display_path(path), number),
                f"cannot read parameter header {value!r}",
                f"write '# param: name (type, description) example: value' with type one of {', '.join(TYPES)}",
            )
        params.append(
            Param(
                pm.group("name"),
                pm.group("type"),
                (pm.group("doc") or "").strip(),
                (pm.group("example") or "").strip() or None,
            )
        )
    for p in params:
        if not re.search(rf"SELECT\b[^{{]*\?{p.name}\b", text, flags=re.IGNORECASE | re.DOTALL):
            raise InputError(
                display_path(path),
                f"parameter {p.name} is not projected by the SELECT",
                "Oxigraph binds only projected variables: add ?"
                + p.name
                + " to the SELECT (and GROUP BY)",
            )
    return SavedQuery(path.stem, path, text, fields["title"], fields["description"], tuple(params))


def load_queries(directory: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Every saved query by name (file stem), sorted."""
    return {p.stem: parse_saved_query(p) for p in sorted(Path(directory).glob("*.rq"))}


def get_query(name: str, directory: Path = QUERIES_DIR) -> SavedQuery:
    """A saved query by name, or by path to any .rq file."""
    candidate = Path(name)
    if candidate.suffix == ".rq" and candidate.is_file():
        return parse_saved_query(candidate)
    queries = load_queries(directory)
    if name not in queries:
        from .service.base import not_found

        raise not_found("saved query", name, queries)
    return queries[name]


def run_query(
    store,
    query: SavedQuery,
    values: Mapping[str, str] | None = None,
    *,
    accept: str | None = None,
    use_examples: bool = False,
):
    """Run a saved query with bound parameters; returns the store's QueryResult."""
    return store.query(
        query.text,
        bindings=query.bindings(values or {}, use_examples=use_examples) or None,
        accept=accept,
    )
