"""Reading what the analyses need from a store with SPARQL: one path for the CLI and server."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, display_path
from ..namespaces import PG_IRI, sparql_prologue
from ..paths import BUILD_DIR

JSON_RESULTS = "application/sparql-results+json"
DEFAULT_STORE = BUILD_DIR / "store"
ROLES = ("lead", "support", "responsible")
# Department levels in display order, with the short group names staff use.
LEVELS = {
    PG_IRI + "ProvincialBody": "province",
    PG_IRI + "MunicipalBody": "city",
    PG_IRI + "CentralAgency": "central agency",
    PG_IRI + "CollectiveBody": "collective",
    PG_IRI + "Enterprise": "enterprise",
}
LEVEL_ORDER = {name: i for i, name in enumerate(LEVELS.values())}


def open_store(path: Path | str | None = None):
    """The on-disk store read-only; a missing one names build/store and says how to make it."""
    from ..store import OxigraphStore

    path = Path(path) if path else DEFAULT_STORE
    if not path.is_dir():
        raise InputError(
            display_path(path),
            "no store here",
            "run `policygraph build` first or pass --store PATH",
        )
    return OxigraphStore.open(path)


def select(store, body: str) -> list[dict[str, str]]:
    """Rows of a SELECT as plain strings (unbound variables absent), whatever store runs it."""
    result = store.query(sparql_prologue() + body, accept=JSON_RESULTS)
    data = json.loads(result.body)
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


@dataclass
class Department:
    iri: str
    name: str
    name_en: str
    level: str


@dataclass
class Document:
    iri: str
    title: str
    position: int
    plans: list[str] = field(default_factory=list)


@dataclass
class Clause:
    iri: str
    document: str
    number: int
    position: int
    title: str
    text: str


@dataclass
class Responsibility:
    iri: str
    clause: str
    department: str
    role: str


@dataclass
class Place:
    iri: str
    name: str
    pinyin: str
    kind: str  # region | zone | group
    level: str = ""
    within: str | None = None
    members: list[str] = field(default_factory=list)


@dataclass
class Industry:
    iri: str
    name: str
    name_en: str
    broader: list[str] = field(default_factory=list)


@dataclass
class Plan:
    iri: str
    title: str
    covers: list[str] = field(default_factory=list)


@dataclass
class GraphData:
    """Everything the matrices, networks, figures and report read, fetched in a few queries."""

    departments: dict[str, Department]
    documents: dict[str, Document]
    clauses: dict[str, Clause]
    responsibilities: list[Responsibility]
    places: dict[str, Place]
    industries: dict[str, Industry]
    plans: dict[str, Plan]
    clause_regions: dict[str, set[str]]  # named regions (pg:mentionsRegion)
    clause_zones: dict[str, set[str]]
    clause_areas: dict[str, set[str]]
    clause_industries: dict[str, set[str]]
    amounts: list[tuple[str, float]]  # (clause, schema:maxValue) of monetary amounts

    def department_name(self, iri: str, cjk: bool = True) -> str:
        d = self.departments.get(iri)
        if d is None:
            return iri.rsplit("/", 1)[-1]
        return d.name if cjk or not d.name_en else d.name_en

    def place_name(self, iri: str, cjk: bool = True) -> str:
        p = self.places.get(iri)
        if p is None:
            return iri.rsplit("/", 1)[-1]
        return p.name if cjk or not p.pinyin else p.pinyin.title()


def _label(row: dict, zh: str = "zh", en: str = "en") -> tuple[str, str]:
    return row.get(zh, ""), row.get(en, "")


def load_data(store) -> GraphData:
    """Read the graph once; every analysis is computed in Python from this."""
    departments = {}
    for r in select(
        store,
        """SELECT ?d ?zh ?en ?level WHERE { ?d a pg:Department .
        OPTIONAL { ?d skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }
        OPTIONAL { ?d skos:prefLabel ?en FILTER(lang(?en) = "en") }
        OPTIONAL { ?d pg:departmentLevel ?level } }""",
    ):
        zh, en = _label(r)
        departments[r["d"]] = Department(
            r["d"],
            zh or en or r["d"].rsplit("/", 1)[-1],
            en,
            LEVELS.get(r.get("level", ""), "other"),
        )
    documents: dict[str, Document] = {}
    for r in select(
        store,
        """SELECT ?doc ?title ?pos ?plan WHERE { ?doc a pg:PolicyDocument ;
        eli:title ?title ; pg:position ?pos . OPTIONAL { ?doc pg:implementsPlan ?plan } }""",
    ):
        doc = documents.setdefault(
            r["doc"], Document(r["doc"], "".join(r["title"].split()), int(r["pos"]))
        )
        if "plan" in r and r["plan"] not in doc.plans:
            doc.plans.append(r["plan"])
    clauses = {}
    for r in select(
        store,
        """SELECT ?c ?doc ?n ?pos ?title ?text WHERE { ?c a pg:Clause ;
        pg:document ?doc ; eli:number ?n ; pg:position ?pos .
        OPTIONAL { ?c eli:title ?title } OPTIONAL { ?c pg:text ?text } }""",
    ):
        clauses[r["c"]] = Clause(
            r["c"], r["doc"], int(r["n"]), int(r["pos"]), r.get("title", ""), r.get("text", "")
        )
    responsibilities = [
        Responsibility(r["r"], r["c"], r["d"], r["role"][len(PG_IRI) :])
        for r in select(
            store,
            """SELECT ?r ?c ?d ?role WHERE { ?r a pg:Responsibility ;
            pg:clause ?c ; prov:agent ?d ; prov:hadRole ?role }""",
        )
    ]
    responsibilities.sort(key=lambda x: x.iri)
    places: dict[str, Place] = {}
    for r in select(
        store,
        """SELECT ?p ?kind ?zh ?py ?level ?within WHERE {
        { ?p a pg:Region BIND("region" AS ?kind) } UNION { ?p a pg:Zone BIND("zone" AS ?kind) }
        UNION { ?p a pg:RegionGroup BIND("group" AS ?kind) }
        OPTIONAL { ?p skos:prefLabel ?zh } OPTIONAL { ?p pg:pinyin ?py }
        OPTIONAL { ?p pg:level ?level } OPTIONAL { ?p pg:within ?within } }""",
    ):
        places[r["p"]] = Place(
            r["p"],
            r.get("zh", r["p"].rsplit("/", 1)[-1]),
            r.get("py", ""),
            r["kind"],
            r.get("level", "")[len(PG_IRI) :],
            r.get("within"),
        )
    for r in select(store, "SELECT ?g ?m WHERE { ?g a pg:RegionGroup ; pg:member ?m }"):
        places[r["g"]].members.append(r["m"])
    industries: dict[str, Industry] = {}
    for r in select(
        store,
        """SELECT ?i ?zh ?en ?b WHERE { ?i skos:inScheme pg:IndustryScheme .
        OPTIONAL { ?i skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }
        OPTIONAL { ?i skos:prefLabel ?en FILTER(lang(?en) = "en") }
        OPTIONAL { ?i skos:broader ?b } }""",
    ):
        zh, en = _label(r)
        ind = industries.setdefault(r["i"], Industry(r["i"], zh or en, en))
        if "b" in r:
            ind.broader.append(r["b"])
    plans: dict[str, Plan] = {}
    for r in select(
        store,
        """SELECT ?p ?title ?g WHERE { ?p a pg:Plan .
        OPTIONAL { ?p eli:title ?title } OPTIONAL { ?p pg:covers ?g } }""",
    ):
        plan = plans.setdefault(r["p"], Plan(r["p"], r.get("title", r["p"].rsplit("/", 1)[-1])))
        if "g" in r:
            plan.covers.append(r["g"])
    links: dict[str, dict[str, set[str]]] = {
        k: defaultdict(set)
        for k in ("mentionsRegion", "mentionsZone", "mentionsArea", "mentionsIndustry")
    }
    for r in select(
        store,
        """SELECT ?c ?p ?o WHERE { ?c a pg:Clause ; ?p ?o .
        VALUES ?p { pg:mentionsRegion pg:mentionsZone pg:mentionsArea pg:mentionsIndustry } }""",
    ):
        links[r["p"][len(PG_IRI) :]][r["c"]].add(r["o"])
    amounts = [
        (r["c"], float(r["max"]))
        for r in select(
            store,
            """SELECT ?c ?max WHERE {
        ?c pg:hasAmount ?a . ?a a pg:MonetaryAmount ; schema:maxValue ?max }""",
        )
    ]
    return GraphData(
        departments,
        documents,
        clauses,
        responsibilities,
        places,
        industries,
        plans,
        dict(links["mentionsRegion"]),
        dict(links["mentionsZone"]),
        dict(links["mentionsArea"]),
        dict(links["mentionsIndustry"]),
        amounts,
    )


def ancestors(data: GraphData, place: str) -> list[str]:
    """Regions above a place by pg:within, nearest first (cycles cut)."""
    out: list[str] = []
    current = data.places.get(place)
    while current and current.within and current.within not in out:
        out.append(current.within)
        current = data.places.get(current.within)
    return out


def clause_region_reasons(data: GraphData, clause: str) -> dict[str, str]:
    """Regions a clause reaches: 'named' (pg:mentionsRegion) or 'contained' (holds a named zone or
    sub-region). The province is left out of 'contained': every place in the corpus lies in it."""
    reasons = {r: "named" for r in data.clause_regions.get(clause, ())}
    for start in sorted(
        data.clause_regions.get(clause, set()) | data.clause_zones.get(clause, set())
    ):
        for up in ancestors(data, start):
            if data.places.get(up) and data.places[up].level == "Province":
                continue
            reasons.setdefault(up, "contained")
    return reasons


def clause_industry_reasons(data: GraphData, clause: str, rollup: bool = False) -> dict[str, str]:
    """Industries a clause names, plus (rollup) their broader industries with reason 'broader'."""
    reasons = {i: "named" for i in data.clause_industries.get(clause, ())}
    if rollup:
        stack = sorted(reasons)
        while stack:
            ind = data.industries.get(stack.pop())
            for b in ind.broader if ind else []:
                if b not in reasons:
                    reasons[b] = "broader"
                    stack.append(b)
    return reasons
