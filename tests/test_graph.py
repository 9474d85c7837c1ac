"""The built seed graph: counts, typed values, stable IRIs, round trips, golden documents and
the SHACL shapes biting on deliberate corruptions."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, SKOS, XSD

from policygraph import iris
from policygraph.export.clauses import iter_clause_records
from policygraph.namespaces import ELI, OA, PG, SCHEMA
from policygraph.pipeline import build
from policygraph.validate import load_shapes, validate_graph

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("POLICYGRAPH_REGEN_GOLDEN") == "1"
DOC = "https://w3id.org/policygraph/id/doc/000_e2dd2b49d853fc19-{:02d}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    result = build(out_dir=out)
    assert result.conforms
    return result, out


@pytest.fixture(scope="module")
def graph(built):
    return built[0].graph


def count(graph, cls):
    return len(set(graph.subjects(RDF.type, cls)))


def test_counts_per_class(graph):
    assert count(graph, PG.PolicyDocument) == 10
    assert count(graph, PG.Clause) == 230
    assert count(graph, PG.Section) == 66
    assert count(graph, PG.Region) == 70
    responsibilities = count(graph, PG.Responsibility)
    distinct = {
        (graph.value(r, PG.clause), graph.value(r, PROV.agent), graph.value(r, PROV.hadRole))
        for r in graph.subjects(RDF.type, PG.Responsibility)
    }
    assert responsibilities == len(distinct) == 626


def test_report_json(built):
    _, out = built
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["conforms"] is True
    assert report["counts"]["pg:Clause"] == 230
    assert set(report["timings_s"]) >= {"parse", "extract+rdf", "validate", "write", "total"}
    assert report["shacl"]["violations"] == 0


def test_amounts_and_dates_are_typed_values(graph):
    clause = URIRef(DOC.format(3) + "/art/2")
    amounts = {
        (
            graph.value(a, SCHEMA.minValue),
            graph.value(a, SCHEMA.maxValue),
            graph.value(a, PG.amountKind),
        )
        for a in graph.objects(clause, PG.hasAmount)
    }
    assert (
        Literal(Decimal(500000), datatype=XSD.decimal),
        Literal(Decimal(2000000), datatype=XSD.decimal),
        PG.Range,
    ) in amounts
    tax = URIRef(DOC.format(5) + "/art/15")
    period = next(graph.objects(tax, DCTERMS.temporal))
    assert graph.value(period, DCAT.startDate) == Literal("2019-01-01", datatype=XSD.date)
    assert graph.value(period, DCAT.endDate) == Literal("2021-12-31", datatype=XSD.date)


def test_corridor_membership(graph):
    corridor = iris.area_iri("industrial-corridor")
    members = {str(graph.value(m, DCTERMS.identifier)) for m in graph.objects(corridor, PG.member)}
    assert {"220100", "220200", "220300", "220400", "220700"} <= members
    plan = graph.value(URIRef(DOC.format(2)), PG.implementsPlan)
    assert (plan, PG.covers, corridor) in graph


def test_region_links_include_places_inside_names(graph):
    clause = URIRef(DOC.format(1) + "/art/4")  # 长春新区（北区）、长春经开北区（兴隆综合保税区）
    assert (clause, PG.mentionsRegion, iris.region_iri("220100")) in graph
    assert (clause, PG.mentionsZone, iris.zone_iri("changchun-xinglong-bonded-zone")) in graph
    assert (clause, PG.mentionsRegion, iris.region_iri("220000")) in graph  # 整合省内开放型平台


def test_citations_are_nodes(graph):
    clause = URIRef(DOC.format(2) + "/art/24")
    numbers = {str(graph.value(w, ELI.id_local)) for w in graph.objects(clause, ELI.cites)}
    assert "吉政办发〔2019〕3号" in numbers


def test_every_selector_slices_back_into_the_source(graph):
    source = (
        Path(__file__).resolve().parents[1] / "data" / "sources" / "000_e2dd2b49d853fc19.txt"
    ).read_text("utf-8")
    for r in graph.subjects(RDF.type, PG.Responsibility):
        sel = graph.value(r, PG.source)
        start, end = int(graph.value(sel, OA.start)), int(graph.value(sel, OA.end))
        printed = str(graph.value(r, PG.printedLabel))
        raw = "".join(source[start:end].split()).replace("!", "（")
        assert printed.startswith(raw) or raw.startswith(printed), (printed, raw)
        assert source.count("\n", 0, start) + 1 == int(graph.value(sel, PG.line))


def test_turtle_and_jsonld_round_trip(built):
    _, out = built
    nt = Graph().parse(out / "graph.nt", format="nt")
    assert isomorphic(nt, Graph().parse(out / "graph.ttl", format="turtle"))
    assert isomorphic(nt, Graph().parse(out / "graph.jsonld", format="json-ld"))


def test_iris_and_bytes_are_stable_across_rebuilds(built, tmp_path):
    _, out = built
    build(out_dir=tmp_path)
    assert (tmp_path / "graph.nt").read_bytes() == (out / "graph.nt").read_bytes()


def _document_graph(graph, n):
    prefix = DOC.format(n)
    sub = Graph()
    for s, p, o in graph:
        if str(s).startswith(prefix + "/") or str(s) == prefix:
            sub.add((s, p, o))
    return sub


@pytest.mark.parametrize("n", [6, 10], ids=["shuangtongdao", "changchun-gongzhuling"])
def test_golden_documents(graph, n):
    """Clauses as JSON and the document's triples; regenerate with POLICYGRAPH_REGEN_GOLDEN=1."""
    records = [r for r in iter_clause_records(graph) if r["document_iri"] == DOC.format(n)]
    clauses_file, graph_file = GOLDEN / f"doc{n:02d}_clauses.json", GOLDEN / f"doc{n:02d}.nt"
    sub = _document_graph(graph, n)
    if REGEN:
        clauses_file.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", "utf-8")
        lines = sorted(sub.serialize(format="nt").splitlines())
        graph_file.write_text("\n".join(line for line in lines if line) + "\n", "utf-8")
    assert records == json.loads(clauses_file.read_text("utf-8"))
    assert isomorphic(sub, Graph().parse(graph_file, format="nt"))


# Deliberate corruptions of the built graph; each must be reported on the node it hits.
def _first(graph, cls):
    return sorted(graph.subjects(RDF.type, cls))[0]


def _drop(graph, node, prop):
    graph.remove((node, prop, None))
    return node, prop


def _set(graph, node, prop, value):
    graph.set((node, prop, value))
    return node, prop


MUTATIONS = {
    "clause-without-document": lambda g: _drop(g, _first(g, PG.Clause), PG.document),
    "clause-number-not-digits": lambda g: _set(g, _first(g, PG.Clause), ELI.number, Literal("x")),
    "responsibility-unknown-role": lambda g: _set(
        g, _first(g, PG.Responsibility), PROV.hadRole, PG.Clause
    ),
    "responsibility-without-agent": lambda g: _drop(g, _first(g, PG.Responsibility), PROV.agent),
    "selector-negative-start": lambda g: _set(
        g, _first(g, OA.TextPositionSelector), OA.start, Literal(-1)
    ),
    "selector-start-after-end": lambda g: _set(
        g,
        _first(g, OA.TextPositionSelector),
        OA.start,
        Literal(10**7, datatype=XSD.nonNegativeInteger),
    ),
    "region-bad-code": lambda g: _set(
        g, iris.region_iri("220100"), DCTERMS.identifier, Literal("22010")
    ),
    "amount-string-value": lambda g: _set(
        g, _first(g, PG.MonetaryAmount), SCHEMA.maxValue, Literal("三百万")
    ),
    "amount-foreign-currency": lambda g: _set(
        g, _first(g, PG.MonetaryAmount), SCHEMA.currency, Literal("USD")
    ),
    "period-string-date": lambda g: _set(
        g, _first(g, DCTERMS.PeriodOfTime), DCAT.endDate, Literal("2021年底")
    ),
    "department-without-label": lambda g: _drop(g, _first(g, PG.Department), SKOS.prefLabel),
    "section-without-parent": lambda g: _drop(g, _first(g, PG.Section), ELI.is_part_of),
}


@pytest.fixture(scope="module")
def shapes():
    return load_shapes()


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_shapes_bite(graph, shapes, name):
    corrupted = Graph()
    for t in graph:
        corrupted.add(t)
    focus, path = MUTATIONS[name](corrupted)
    report = validate_graph(corrupted, shapes)
    assert not report.conforms
    hits = [f for f in report.violations if f.focus == str(focus)]
    assert hits, [str(f) for f in report.violations]
    assert any(f.path == str(path) or (path == OA.start and f.path == str(OA.end)) for f in hits)
    located = [f for f in hits if f.line]
    if (focus, RDF.type, PG.Region) not in graph and (focus, RDF.type, PG.Department) not in graph:
        assert located, "the report names the source line"
