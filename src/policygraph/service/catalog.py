"""What never changes while a store is loaded — region tree, name lookups, clause summaries —
read once at startup so per-request queries only fetch what depends on the request."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..namespaces import RESOURCE_BASE
from .base import local_id, not_found

REGIONS = """
SELECT ?r ?code ?name ?level ?parent ?pinyin ?lat ?long
       (GROUP_CONCAT(DISTINCT STR(?alt); SEPARATOR="|") AS ?alts) WHERE {
  ?r a pg:Region ; dcterms:identifier ?code ; skos:prefLabel ?name ; pg:level ?level .
  OPTIONAL { ?r pg:within ?parent } OPTIONAL { ?r pg:pinyin ?pinyin }
  OPTIONAL { ?r geo:lat ?lat ; geo:long ?long } OPTIONAL { ?r skos:altLabel ?alt }
} GROUP BY ?r ?code ?name ?level ?parent ?pinyin ?lat ?long ORDER BY ?code"""

DEPARTMENTS = """
SELECT ?d ?name ?en ?level ?parent ?seat (GROUP_CONCAT(DISTINCT STR(?alt); SEPARATOR="|") AS ?alts)
WHERE {
  ?d a pg:Department ; skos:prefLabel ?name . FILTER(LANG(?name) = "zh")
  OPTIONAL { ?d skos:prefLabel ?en . FILTER(LANG(?en) = "en") }
  OPTIONAL { ?d pg:departmentLevel ?level } OPTIONAL { ?d org:subOrganizationOf ?parent }
  OPTIONAL { ?d pg:seat ?seat } OPTIONAL { ?d skos:altLabel ?alt }
} GROUP BY ?d ?name ?en ?level ?parent ?seat ORDER BY ?d"""

INDUSTRIES = """
SELECT ?i ?name ?en ?broader (GROUP_CONCAT(DISTINCT STR(?alt); SEPARATOR="|") AS ?alts) WHERE {
  ?i skos:inScheme pg:IndustryScheme ; skos:prefLabel ?name . FILTER(LANG(?name) = "zh")
  OPTIONAL { ?i skos:prefLabel ?en . FILTER(LANG(?en) = "en") }
  OPTIONAL { ?i skos:broader ?broader } OPTIONAL { ?i skos:altLabel ?alt }
} GROUP BY ?i ?name ?en ?broader ORDER BY ?i"""

DOCUMENTS = """
SELECT ?doc ?title ?position (COUNT(DISTINCT ?clause) AS ?clauses)
       (GROUP_CONCAT(DISTINCT STR(?plan); SEPARATOR="|") AS ?plans) WHERE {
  ?doc a pg:PolicyDocument ; eli:title ?title ; pg:position ?position ; prov:wasDerivedFrom ?file .
  OPTIONAL { ?clause pg:document ?doc } OPTIONAL { ?doc pg:implementsPlan ?plan }
} GROUP BY ?doc ?title ?position ?file ORDER BY ?file ?position"""

CLAUSES = """
SELECT ?clause ?doc ?number ?title ?position WHERE {
  ?clause a pg:Clause ; pg:document ?doc ; pg:position ?position .
  OPTIONAL { ?clause eli:number ?number } OPTIONAL { ?clause eli:title ?title }
}"""

LEVELS = {
    "Province": "province",
    "Prefecture": "prefecture",
    "County": "county",
    "Town": "town",
    "ProvincialBody": "provincial",
    "MunicipalBody": "municipal",
    "CentralAgency": "central",
    "CollectiveBody": "collective",
    "Enterprise": "enterprise",
}


def _level(iri: str | None) -> str | None:
    return LEVELS.get(iri.rsplit("#", 1)[-1], iri) if iri else None


def _split(alts: str | None) -> list[str]:
    return sorted(a for a in (alts or "").split("|") if a)


@dataclass
class Index:
    """Items by key plus every name (key, labels, pinyin) that finds them; the first name wins."""

    what: str
    items: dict[str, dict] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, item: dict, *names: str | None) -> None:
        self.items[key] = item
        for name in (key, *names):
            if name:
                self.names.setdefault(name, key)
                self.names.setdefault(name.lower(), key)

    def get(self, ref: str) -> dict:
        """The item a key, label or pinyin names; NotFound with close matches otherwise."""
        key = self.names.get(ref) or self.names.get(ref.strip().lower())
        if key is None:
            key = self.names.get(local_id(ref, ""))  # a full IRI
        if key is None:
            raise not_found(
                self.what, ref, [n for n in self.names if not n.isascii() or n.isalpha()]
            )
        return self.items[key]


@dataclass
class Catalog:
    regions: Index
    departments: Index
    industries: Index
    documents: Index
    clauses: dict[str, dict[str, Any]]
    children: dict[str, list[str]]

    def clause_summary(self, iri: str) -> dict[str, Any]:
        """The fields every clause item carries (iri, id, document, doc_title, number, title)."""
        return dict(self.clauses[iri])

    def order(self, iris) -> list[str]:
        """Clause IRIs in reading order: document, then position in the document."""
        return sorted(set(iris), key=lambda i: self.clauses[i]["_order"])

    def summaries(self, iris) -> list[dict[str, Any]]:
        out = []
        for iri in self.order(iris):
            item = self.clause_summary(iri)
            del item["_order"]
            out.append(item)
        return out

    def descendants(self, code: str) -> list[str]:
        """Codes of every region below `code` (pg:within+)."""
        out, todo = [], list(self.children.get(code, ()))
        while todo:
            c = todo.pop()
            out.append(c)
            todo.extend(self.children.get(c, ()))
        return sorted(out)


def load_catalog(svc) -> Catalog:
    regions = Index("region")
    children: dict[str, list[str]] = defaultdict(list)
    for row in svc.select(REGIONS):
        parent = row.get("parent")
        item = {
            "code": row["code"],
            "iri": row["r"],
            "name": row["name"],
            "short_names": _split(row.get("alts")),
            "pinyin": row.get("pinyin"),
            "level": _level(row["level"]),
            "parent": parent.rsplit("/", 1)[-1] if parent else None,
            "lat": row.get("lat"),
            "long": row.get("long"),
        }
        regions.add(row["code"], item, row["name"], *item["short_names"])
        if item["parent"]:
            children[item["parent"]].append(row["code"])
    for item in regions.items.values():  # pinyin last: 吉林 (city) and jilin (province) share it
        if item["pinyin"]:
            regions.names.setdefault(item["pinyin"], item["code"])
    departments = Index("department")
    for row in svc.select(DEPARTMENTS):
        key = local_id(row["d"], "org/")
        item = {
            "id": key,
            "iri": row["d"],
            "name": row["name"],
            "name_en": row.get("en"),
            "short_names": _split(row.get("alts")),
            "level": _level(row.get("level")),
            "parent": local_id(row["parent"], "org/") if row.get("parent") else None,
            "seat": row["seat"].rsplit("/", 1)[-1] if row.get("seat") else None,
        }
        departments.add(key, item, row["name"], row.get("en"), *item["short_names"])
    industries = Index("industry")
    for row in svc.select(INDUSTRIES):
        key = local_id(row["i"], "industry/")
        item = {
            "id": key,
            "iri": row["i"],
            "name": row["name"],
            "name_en": row.get("en"),
            "alt_labels": _split(row.get("alts")),
            "broader": local_id(row["broader"], "industry/") if row.get("broader") else None,
        }
        industries.add(key, item, row["name"], row.get("en"), *item["alt_labels"])
    documents = Index("document")
    doc_order = {}
    for n, row in enumerate(svc.select(DOCUMENTS)):
        key = local_id(row["doc"], "doc/")
        item = {
            "id": key,
            "iri": row["doc"],
            "title": row["title"],
            "position": row["position"],
            "clause_count": row["clauses"],
            "plans": [local_id(p, "plan/") for p in _split(row.get("plans"))],
        }
        documents.add(key, item, row["title"])
        doc_order[row["doc"]] = n
    clauses = {}
    for row in svc.select(CLAUSES):
        doc = documents.items[local_id(row["doc"], "doc/")]
        clauses[row["clause"]] = {
            "iri": row["clause"],
            "id": local_id(row["clause"], "doc/"),
            "document": doc["id"],
            "doc_title": doc["title"],
            "number": int(row["number"]) if row.get("number") is not None else None,
            "title": row.get("title"),
            "_order": (doc_order[row["doc"]], row["position"]),
        }
    return Catalog(regions, departments, industries, documents, clauses, dict(children))


def is_resource(iri: str) -> bool:
    return iri.startswith(RESOURCE_BASE)
