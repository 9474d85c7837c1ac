"""Departments (W3C ORG): level, parent, clause counts by role, and the clauses each one is named on."""

from __future__ import annotations

from rdflib import URIRef

from ..sparql.errors import BadRequest

ROLES = ("responsible", "lead", "support")
PG = "https://w3id.org/policygraph/ontology#"

COUNTS = """
SELECT ?dept ?role (COUNT(DISTINCT ?clause) AS ?n) WHERE {
  ?r a pg:Responsibility ; prov:agent ?dept ; prov:hadRole ?role ; pg:clause ?clause .
} GROUP BY ?dept ?role"""

# ?dept and ?role are bound when given, so both are projected.
CLAUSES = """
SELECT ?dept ?role ?clause ?printed WHERE {
  ?r a pg:Responsibility ; prov:agent ?dept ; prov:hadRole ?role ; pg:clause ?clause .
  OPTIONAL { ?r pg:printedLabel ?printed }
}"""


def check_role(role: str | None) -> str | None:
    """`lead`, `support` or `responsible` (or None); anything else is a 400."""
    if role and role not in ROLES:
        raise BadRequest(f"unknown role {role!r}", "use one of " + ", ".join(ROLES))
    return role


def _counts(svc) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for row in svc.select(COUNTS):
        counts.setdefault(row["dept"], dict.fromkeys(ROLES, 0))[row["role"].removeprefix(PG)] = row[
            "n"
        ]
    return counts


def list_departments(svc) -> list[dict]:
    """Every department with level, parent and its clause counts by role (most clauses first)."""
    counts = _counts(svc)
    out = []
    for item in svc.catalog.departments.items.values():
        by_role = counts.get(item["iri"], dict.fromkeys(ROLES, 0))
        out.append({**item, "clauses": by_role, "total": sum(by_role.values())})
    return sorted(out, key=lambda d: (-d["total"], d["id"]))


def get_department(svc, ref: str) -> dict:
    """A department by id (jl-fgw), full or short name (省发展改革委), with counts by role."""
    item = dict(svc.catalog.departments.get(ref))
    by_role = _counts(svc).get(item["iri"], dict.fromkeys(ROLES, 0))
    return {**item, "clauses": by_role, "total": sum(by_role.values())}


def clauses_for_department(svc, ref: str | None, role: str | None = None) -> list[dict]:
    """Clauses a department is named on (or, without ref, any department), each with its roles."""
    bindings = {}
    if ref:
        bindings["dept"] = URIRef(svc.catalog.departments.get(ref)["iri"])
    checked = check_role(role)
    if checked:
        bindings["role"] = URIRef(PG + checked)
    roles: dict[str, dict[tuple, dict]] = {}
    for row in svc.select(CLAUSES, **bindings):
        dept = svc.catalog.departments.items.get(row["dept"].rsplit("/", 1)[-1], {})
        entry = {
            "department": dept.get("name"),
            "department_id": dept.get("id"),
            "role": row["role"].removeprefix(PG),
            "printed": row.get("printed"),
        }
        roles.setdefault(row["clause"], {})[(entry["department_id"], entry["role"])] = entry
    return [
        {
            **c,
            "roles": sorted(
                roles[c["iri"]].values(),
                key=lambda e: (ROLES.index(e["role"]), e["department_id"] or ""),
            ),
        }
        for c in svc.catalog.summaries(roles)
    ]
