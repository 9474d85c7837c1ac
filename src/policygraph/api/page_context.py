"""What the HTML pages show: one builder per page, (service, …) → template context, plus the
helpers the templates use (links to pages, highlighted text). Pure reads, no FastAPI here."""

from __future__ import annotations

import json
import re
import threading
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ..namespaces import RESOURCE_BASE
from ..paths import SOURCES_DIR
from ..query import SavedQuery, load_queries
from ..service import NotFound, departments, documents, regions, search, status
from ..service import clauses as clause_service
from ..service.base import close_matches

HERE = Path(__file__).parent

REASONS = {
    "direct": ("直接提及", "direct"),
    "contained": ("辖区内地点", "contained"),
    "group": ("所属区域组", "region group"),
    "province": ("全省适用", "province-wide"),
}
ROLES = {
    "lead": ("牵头", "lead"),
    "support": ("配合", "support"),
    "responsible": ("负责", "responsible"),
}
LEVELS = {
    "province": ("省", "province"),
    "prefecture": ("市（州）", "prefecture"),
    "county": ("县（市、区）", "county"),
    "town": ("乡镇", "town"),
    "provincial": ("省直部门", "provincial"),
    "municipal": ("市级", "municipal"),
    "central": ("中央", "central"),
    "collective": ("集体", "collective"),
    "enterprise": ("企业", "enterprise"),
}

SECTIONS = """
SELECT ?doc ?clause ?section ?number ?title WHERE {
  ?clause a pg:Clause ; pg:document ?doc ; eli:is_part_of ?section . ?section a pg:Section .
  OPTIONAL { ?section eli:number ?number } OPTIONAL { ?section eli:title ?title }
}"""
TEXTS = "SELECT ?clause ?text WHERE { ?clause a pg:Clause ; pg:text ?text }"
CLAUSE_PATH = re.compile(r"doc/[^/]+/art/[^/]+")
IRI_REF = re.compile(r"<[^\s<>\"{}|^`\\]*>")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


class Missing(Exception):
    """A reference the page cannot resolve: a 404 page offering close matches as links."""

    def __init__(
        self, what: str, ref: str, suggestions: list[tuple[str, str]], hint: str | None = None
    ):
        super().__init__(f"no {what} matches {ref!r}")
        self.what, self.ref, self.suggestions, self.hint = what, ref, suggestions, hint


# ---------------------------------------------------------------- links and text filters


def ui_path(iri: str) -> str | None:
    """The HTML page for a resource IRI (region, department, document, clause), or None."""
    if not iri.startswith(RESOURCE_BASE):
        return None
    local = iri[len(RESOURCE_BASE) :]
    kind, _, rest = local.partition("/")
    if kind == "region" and rest:
        return "/ui/regions/" + quote(rest)
    if kind == "org" and rest:
        return "/ui/departments/" + quote(rest)
    if kind == "doc" and rest:
        if CLAUSE_PATH.fullmatch(local):
            return "/ui/clauses/" + quote(rest)
        if "/" not in rest:
            return "/ui/documents/" + quote(rest)
    return None


def href(iri: str) -> str:
    """Best link for an IRI: its page, else its linked-data description, else the IRI itself."""
    page = ui_path(iri)
    if page:
        return page
    return ld(iri)


def ld(iri: str) -> str:
    """The linked-data description (/id/…) of a resource IRI."""
    return "/id/" + quote(iri[len(RESOURCE_BASE) :]) if iri.startswith(RESOURCE_BASE) else iri


def highlight(text: str | None, terms: Iterable[str]) -> Markup:
    """Escaped text, every term wrapped in <mark> (longest first, so 长春市 beats 长春)."""
    text = text or ""
    wanted = sorted({t for t in terms if t}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in wanted))
    out, pos = [], 0
    for m in pattern.finditer(text):
        out += [
            escape(text[pos : m.start()]),
            Markup("<mark>"),
            escape(m.group(0)),
            Markup("</mark>"),
        ]
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


# ---------------------------------------------------------------- per-store extras (read once)

_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _extras(svc) -> dict[str, Any]:
    """Clause texts, sections and roles by clause: static per store, so read once per service."""
    with _lock:
        extras = _cache.get(svc)
        if extras is None:
            roles: dict[str, list[dict]] = {
                c["iri"]: c["roles"] for c in departments.clauses_for_department(svc, None)
            }
            sections = {
                r["clause"]: {
                    "iri": r["section"],
                    "number": r.get("number"),
                    "title": r.get("title"),
                }
                for r in svc.select(SECTIONS)
            }
            extras = {
                "texts": {r["clause"]: r["text"] for r in svc.select(TEXTS)},
                "roles": roles,
                "sections": sections,
            }
            _cache[svc] = extras
        return extras


def _lookup(index, ref: str, what: str, prefix: str) -> dict:
    """index.get(ref), or Missing with the closest names linked to their pages."""
    try:
        return index.get(ref)
    except NotFound:
        links: dict[str, str] = {}  # one suggestion per item, under the closest of its names
        for name in close_matches(ref, list(index.names), n=12):
            links.setdefault(prefix + quote(index.names[name]), name)
        raise Missing(what, ref, [(name, link) for link, name in list(links.items())[:8]]) from None


def _source_excerpt(source: dict | None) -> list[tuple[int, str]] | None:
    """The clause as printed in its source file, line by line (None when the file is not here)."""
    if not source:
        return None
    path = SOURCES_DIR / source["file"]
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as f:  # offsets count code points of the raw file
        raw = f.read()[source["start"] : source["end"]]
    raw = PRIVATE_USE.sub("·", raw)  # OCR leaves private-use glyphs between clause number and title
    return [(source["line"] + i, line) for i, line in enumerate(raw.split("\n")) if line.strip()]


# ---------------------------------------------------------------- builders: (svc, …) → context


def home_context(svc) -> dict:
    return {
        "stats": status.stats(svc),
        "documents": documents.list_documents(svc),
        "regions": list(svc.catalog.regions.items.values()),
    }


def document_context(svc, ref: str) -> dict:
    doc = documents.get_document(
        svc, _lookup(svc.catalog.documents, ref, "document", "/ui/documents/")["id"]
    )
    sections = _extras(svc)["sections"]
    groups: dict[str, dict] = {s["iri"]: {**s, "clauses": []} for s in doc["sections"]}
    loose: dict[str, Any] = {"iri": None, "number": None, "title": None, "clauses": []}
    for c in doc["clauses"]:
        groups.get(sections.get(c["iri"], {}).get("iri"), loose)["clauses"].append(c)
    return {"doc": doc, "groups": ([loose] if loose["clauses"] else []) + list(groups.values())}


def regions_context(svc) -> dict:
    return {"tree": regions.region_tree(svc), "regions": list(svc.catalog.regions.items.values())}


def region_context(svc, ref: str, via: list[str]) -> dict:
    region = regions.get_region(
        svc, _lookup(svc.catalog.regions, ref, "region", "/ui/regions/")["code"]
    )
    wanted = sorted({v.strip() for part in via for v in part.split(",") if v.strip()})
    items = regions.clauses_for_region(svc, region["code"], ",".join(wanted) or None)
    extras = _extras(svc)
    grouped: dict[str, list[dict]] = {r: [] for r in REASONS}
    involved: dict[str, dict] = {}
    for c in items:
        c["text"] = extras["texts"].get(c["iri"], "")
        c["marks"] = [t for r in c["reasons"] for t in r.get("matched", ())]
        c["roles"] = extras["roles"].get(c["iri"], [])
        grouped[c["reasons"][0]["reason"]].append(c)  # reasons come strongest first
        for role in c["roles"]:
            d = involved.setdefault(
                role["department_id"],
                {
                    "id": role["department_id"],
                    "name": role["department"],
                    **dict.fromkeys(ROLES, 0),
                },
            )
            d[role["role"]] += 1
    parent = svc.catalog.regions.items.get(region["parent"]) if region["parent"] else None
    busiest = sorted(involved.values(), key=lambda d: (-sum(d[r] for r in ROLES), d["id"]))
    return {
        "region": region,
        "parent": parent,
        "grouped": grouped,
        "total": len(items),
        "via": wanted or list(REASONS),
        "departments": busiest,
    }


def clause_context(svc, ref: str) -> dict:
    try:
        clause = clause_service.get_clause(svc, ref)
    except NotFound:
        doc_id = ref.split("/art/")[0]
        doc = svc.catalog.documents.items.get(doc_id)
        raise Missing(
            "clause",
            ref,
            [(doc["title"], "/ui/documents/" + quote(doc_id))] if doc else [],
            "clause ids look like 000_e2dd2b49d853fc19-01/art/3",
        ) from None
    by_dept: dict[str, dict] = {}
    for r in clause["responsibilities"]:
        d = by_dept.setdefault(
            r["department_id"],
            {"id": r["department_id"], "name": r["department"], "roles": [], "printed": []},
        )
        d["roles"].append(r["role"])
        if r.get("printed") and r["printed"] not in d["printed"]:
            d["printed"].append(r["printed"])
    for d in by_dept.values():
        d["roles"].sort(key=list(ROLES).index)
    return {
        "clause": clause,
        "section": _extras(svc)["sections"].get(clause["iri"]),
        "departments": list(by_dept.values()),
        "source_lines": _source_excerpt(clause["source"]),
    }


def departments_context(svc) -> dict:
    return {"departments": departments.list_departments(svc)}


def department_context(svc, ref: str) -> dict:
    dept = departments.get_department(
        svc, _lookup(svc.catalog.departments, ref, "department", "/ui/departments/")["id"]
    )
    by_role: dict[str, list[dict]] = {r: [] for r in ROLES}
    for c in departments.clauses_for_department(svc, dept["id"]):
        for entry in c["roles"]:
            if entry["department_id"] == dept["id"]:
                by_role[entry["role"]].append({**c, "printed": entry.get("printed")})
    cat = svc.catalog
    return {
        "dept": dept,
        "by_role": by_role,
        "parent": cat.departments.items.get(dept["parent"] or ""),
        "seat": cat.regions.items.get(dept["seat"] or ""),
    }


def search_context(svc, q: str) -> dict:
    return {"q": q, "results": search.search(svc, q) if q.strip() else []}


def _body_end(text: str, open_at: int) -> int:
    """Index just past the brace closing the one at `open_at` (skips strings, IRIs, comments)."""
    depth, i = 0, open_at
    while i < len(text):
        ch = text[i]
        if ch == "#":
            i = text.find("\n", i) % (len(text) + 1)
            continue
        if ch == '"':
            i = text.find('"', i + 1)
        elif ch == "<" and (m := IRI_REF.match(text, i)):
            i = m.end() - 1
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def example_text(query: SavedQuery) -> str:
    """The saved query with its parameters replaced by their example values, ready to run as is.

    An inline VALUES block would not reach FILTERs inside nested groups (SPARQL evaluates them
    bottom-up), so the values are written where the variable is used: terms in the pattern,
    `(term AS ?var)` in the projection, and dropped from GROUP BY / ORDER BY (constant there)."""
    params = [p for p in query.params if p.example is not None]
    where = re.search(r"\bWHERE\s*\{", query.text, flags=re.IGNORECASE)
    if not params or not where:
        return query.text
    close = _body_end(query.text, where.end() - 1)
    head, body, tail = (
        query.text[: where.start()],
        query.text[where.start() : close],
        query.text[close:],
    )
    select = re.search(r"^SELECT\b", head, flags=re.IGNORECASE | re.MULTILINE)
    cut = select.start() if select else len(head)
    prologue, projection = head[:cut], head[cut:]
    for p in params:
        example = str(p.example)
        # SPARQL numeric literals read better than typed strings
        term = example if p.type in ("integer", "decimal") else p.to_term(example).n3()
        var = re.compile(rf"\?{p.name}\b")
        projection = var.sub(lambda _m: f"({term} AS ?{p.name})", projection)  # noqa: B023
        body = var.sub(lambda _m: term, body)  # noqa: B023 (used at once, inside the loop)
        tail = re.sub(r" {2,}", " ", var.sub("", tail))
    tail = re.sub(
        r"\b(GROUP|ORDER)\s+BY(?=\s*(GROUP\b|ORDER\b|LIMIT\b|OFFSET\b|HAVING\b|$))",
        "",
        tail,
        flags=re.IGNORECASE,
    )
    note = "# example values: " + ", ".join(f"{p.name} = {p.example}" for p in params) + "\n"
    return re.sub(r"[ \t]+(?=\n|$)", "", prologue + note + projection + body + tail)


def sparql_context(example: str | None, text: str | None) -> dict:
    saved = [{**q.as_dict(), "example_text": example_text(q)} for q in load_queries().values()]
    chosen = next((q for q in saved if q["name"] == example), None)
    first = chosen or (saved[0] if saved else None)
    initial = text or (first["example_text"] if first else "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    return {
        "saved": saved,
        "chosen": chosen["name"] if chosen else None,
        "initial": initial,
        "examples_json": json.dumps(
            {q["name"]: q["example_text"] for q in saved}, ensure_ascii=False
        ).replace("<", "\\u003c"),  # safe inside <script>
        "resource_base": RESOURCE_BASE,
    }


# ---------------------------------------------------------------- rendering
