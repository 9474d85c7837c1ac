"""networkx projections of the graph — who shares clauses with whom, and which regions the plans
and corridors reach — with deterministic measures, so two runs name the same hubs."""

from __future__ import annotations

import io
import json
from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx

from ..errors import InputError
from .data import ROLES, GraphData, clause_region_reasons

FORMATS = ("json", "graphml", "gexf", "text")
MEDIA_TYPES = {
    "json": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "text": "text/markdown; charset=utf-8",
}


def co_responsibility(data: GraphData, documents: set[str] | None = None) -> nx.Graph:
    """Departments linked when they share clauses; weight = number of shared clauses."""
    by_clause: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, Counter] = defaultdict(Counter)
    for r in data.responsibilities:
        if documents and data.clauses[r.clause].document not in documents:
            continue
        by_clause[r.clause].add(r.department)
        roles[r.department][r.role] += 1
    g = nx.Graph(name="co-responsibility")
    for dept in sorted(roles):
        d = data.departments.get(dept)
        g.add_node(
            dept,
            label=data.department_name(dept),
            label_en=d.name_en if d else "",
            level=d.level if d else "other",
            clauses=0,
            **{role: roles[dept][role] for role in ROLES},
        )
    for clause in sorted(by_clause):
        members = sorted(by_clause[clause])
        for dept in members:
            g.nodes[dept]["clauses"] += 1
        for a, b in combinations(members, 2):
            if g.has_edge(a, b):
                g[a][b]["weight"] += 1
            else:
                g.add_edge(a, b, weight=1)
    add_measures(g)
    return g


def lead_support(data: GraphData, documents: set[str] | None = None) -> nx.DiGraph:
    """Directed view: lead → support for every clause where one leads and the other supports."""
    leads: dict[str, set[str]] = defaultdict(set)
    supports: dict[str, set[str]] = defaultdict(set)
    for r in data.responsibilities:
        if documents and data.clauses[r.clause].document not in documents:
            continue
        if r.role == "lead":
            leads[r.clause].add(r.department)
        elif r.role == "support":
            supports[r.clause].add(r.department)
    g = nx.DiGraph(name="lead-support")
    for clause in sorted(leads):
        for a in sorted(leads[clause]):
            for b in sorted(supports.get(clause, ())):
                for n in (a, b):
                    if n not in g:
                        g.add_node(
                            n,
                            label=data.department_name(n),
                            label_en=data.department_name(n, cjk=False),
                            level=getattr(data.departments.get(n), "level", "other"),
                        )
                if g.has_edge(a, b):
                    g[a][b]["weight"] += 1
                else:
                    g.add_edge(a, b, weight=1)
    return g


def add_measures(g: nx.Graph) -> None:
    """Degree, weighted degree, betweenness and a community id on every node (deterministic)."""
    betweenness = nx.betweenness_centrality(g, normalized=True)
    communities = communities_of(g)
    for n in g.nodes:
        g.nodes[n]["degree"] = g.degree(n)
        g.nodes[n]["weighted_degree"] = g.degree(n, weight="weight")
        g.nodes[n]["betweenness"] = round(betweenness[n], 6)
    for i, members in enumerate(communities):
        for n in members:
            g.nodes[n]["community"] = i


def communities_of(g: nx.Graph) -> list[list[str]]:
    """Greedy modularity communities, largest first; ties broken by member IRIs."""
    if g.number_of_edges() == 0:
        return [[n] for n in sorted(g.nodes)]
    found = nx.community.greedy_modularity_communities(g, weight="weight")
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def hubs(g: nx.Graph, n: int = 10) -> list[str]:
    """The departments with the highest weighted degree (then betweenness, then IRI)."""
    return sorted(
        g.nodes, key=lambda x: (-g.nodes[x]["weighted_degree"], -g.nodes[x]["betweenness"], x)
    )[:n]


def network_report(g: nx.Graph, directed: nx.DiGraph | None = None, n: int = 10) -> str:
    """A short markdown report naming the hub departments and the communities."""
    lines = [
        "# Co-responsibility network",
        "",
        f"{g.number_of_nodes()} departments, {g.number_of_edges()} links "
        f"(weight = shared clauses, {sum(w for *_, w in g.edges(data='weight'))} in all).",
        "",
        "## Hub departments",
        "",
        "| # | department | level | clauses | degree | weighted degree | betweenness |",
        "|---|---|---|---|---|---|---|",
    ]
    for i, x in enumerate(hubs(g, n), start=1):
        a = g.nodes[x]
        lines.append(
            f"| {i} | {a['label']} | {a['level']} | {a['clauses']} | {a['degree']} | "
            f"{a['weighted_degree']} | {a['betweenness']:.3f} |"
        )
    lines += ["", "## Communities (greedy modularity)", ""]
    for i, members in enumerate(communities_of(g)):
        names = "、".join(g.nodes[m]["label"] for m in members)
        lines.append(f"{i + 1}. ({len(members)}) {names}")
    if directed is not None and directed.number_of_edges():
        lines += ["", "## Strongest lead → support pairs", ""]
        top = sorted(directed.edges(data="weight"), key=lambda e: (-e[2], e[0], e[1]))[:n]
        for a, b, w in top:
            lines.append(
                f"- {directed.nodes[a]['label']} → {directed.nodes[b]['label']}: {w} clauses"
            )
    return "\n".join(lines) + "\n"


def region_reach(data: GraphData) -> nx.DiGraph:
    """Documents → plans → region groups → regions, with per-region clause counts: direct (the
    clause names the region or a place in it), via corridor (names a group it belongs to), via plan
    (its document implements a plan covering such a group)."""
    g = nx.DiGraph(name="region-plan-clause")
    direct: dict[str, set[str]] = defaultdict(set)
    corridor: dict[str, set[str]] = defaultdict(set)
    plan: dict[str, set[str]] = defaultdict(set)
    members = {iri: p.members for iri, p in data.places.items() if p.kind == "group"}
    plan_regions = {
        iri: {m for grp in p.covers for m in members.get(grp, ())} for iri, p in data.plans.items()
    }
    for c in sorted(data.clauses.values(), key=lambda c: c.iri):
        for region in clause_region_reasons(data, c.iri):
            direct[region].add(c.iri)
        for area in data.clause_areas.get(c.iri, ()):
            for region in members.get(area, ()):
                corridor[region].add(c.iri)
        for p in data.documents[c.document].plans:
            for region in plan_regions.get(p, ()):
                plan[region].add(c.iri)
    for d in sorted(data.documents.values(), key=lambda d: d.position):
        g.add_node(d.iri, kind="document", label=d.title)
        for p in d.plans:
            g.add_edge(d.iri, p, relation="implementsPlan")
    for plan_node in sorted(data.plans.values(), key=lambda p: p.iri):
        g.add_node(plan_node.iri, kind="plan", label=plan_node.title)
        for grp in plan_node.covers:
            g.add_edge(plan_node.iri, grp, relation="covers")
    for grp in sorted(members):
        g.add_node(grp, kind="group", label=data.places[grp].name)
        for m in members[grp]:
            g.add_edge(grp, m, relation="member")
    regions = sorted(
        set(direct)
        | set(corridor)
        | set(plan)
        | {n for n in g if n in data.places and data.places[n].kind == "region"}
    )
    for r in regions:
        place = data.places.get(r)
        g.add_node(
            r,
            kind="region",
            label=data.place_name(r),
            label_en=data.place_name(r, cjk=False),
            level=place.level if place else "",
            direct=len(direct[r]),
            via_corridor=len(corridor[r] - direct[r]),
            via_plan=len(plan[r] - direct[r] - corridor[r]),
            reached=len(direct[r] | corridor[r] | plan[r]),
        )
    return g


def region_rows(g: nx.DiGraph) -> list[dict]:
    """Regions reached by at least one clause, most reached first."""
    rows = []
    for n, a in g.nodes(data=True):
        if a.get("kind") != "region" or not a.get("reached"):
            continue
        plans = sorted(
            {
                g.nodes[p]["label"]
                for grp in g.predecessors(n)
                for p in g.predecessors(grp)
                if g.nodes[p].get("kind") == "plan"
            }
        )
        groups = sorted(
            g.nodes[grp]["label"]
            for grp in g.predecessors(n)
            if g.nodes[grp].get("kind") == "group"
        )
        rows.append(
            {
                "iri": n,
                "name": a["label"],
                "name_en": a["label_en"],
                "level": a["level"],
                "direct": a["direct"],
                "via_corridor": a["via_corridor"],
                "via_plan": a["via_plan"],
                "reached": a["reached"],
                "groups": groups,
                "plans": plans,
            }
        )
    return sorted(rows, key=lambda r: (-r["reached"], -r["direct"], r["iri"]))


def regions_report(g: nx.DiGraph) -> str:
    lines = [
        "# Regions reached by the plans",
        "",
        "direct = the clause names the region (or a place in it); via corridor = names a group the "
        "region belongs to; via plan = the document implements a plan covering such a group.",
        "",
        "| region | level | direct | via corridor | via plan | reached | groups |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in region_rows(g):
        lines.append(
            f"| {r['name']} | {r['level']} | {r['direct']} | {r['via_corridor']} | "
            f"{r['via_plan']} | "
            f"{r['reached']} | {'、'.join(r['groups'])} |"
        )
    return "\n".join(lines) + "\n"


def serialise(g: nx.Graph, fmt: str, text: str | None = None) -> bytes:
    """GraphML, GEXF (Gephi), node-link JSON, or the markdown report given as text."""
    if fmt not in FORMATS:
        raise InputError("--format", f"unknown format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    if fmt == "text":
        return (text or "").encode("utf-8")
    if fmt == "json":
        body = nx.node_link_data(g, edges="links")
        return json.dumps(body, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    buf = io.BytesIO()
    clean = _scalar_attributes(g)
    if fmt == "graphml":
        nx.write_graphml(clean, buf, encoding="utf-8")
    else:
        nx.write_gexf(clean, buf, encoding="utf-8")
    return buf.getvalue()


def _scalar_attributes(g: nx.Graph) -> nx.Graph:
    """GraphML and GEXF take scalars only; drop the graph-level name networkx cannot type."""
    h = g.copy()
    h.graph = {k: v for k, v in h.graph.items() if isinstance(v, str | int | float)}
    return h
