"""The store layer: atomic loading, bindings, result caps, and worker processes that really stop."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from policygraph.errors import InputError
from policygraph.sparql.errors import (
    NotAcceptable,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooLarge,
    ServiceForbidden,
    StoreUnavailable,
    TooManyResults,
    UpdateForbidden,
)
from policygraph.sparql.limits import Limits, is_update, uses_service
from policygraph.sparql.negotiation import choose_for
from policygraph.sparql.workers import WorkerPool
from policygraph.store import OxigraphStore, load_store, values_clause

EX = "http://example.org/"
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def write_graph(path: Path, regions: int = 50) -> Path:
    """A small policy-like graph: regions with Chinese labels and a numeric rank."""
    lines = []
    for i in range(regions):
        s = f"<{EX}region/{i}>"
        lines.append(f'{s} <http://www.w3.org/2000/01/rdf-schema#label> "地区{i}"@zh .')
        lines.append(f'{s} <{EX}rank> "{i}"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    return write_graph(tmp_path_factory.mktemp("graph") / "graph.nt")


@pytest.fixture()
def store(graph_file) -> OxigraphStore:
    return OxigraphStore.open(None, graph_file=graph_file, limits=Limits(max_rows=60))


@pytest.fixture(scope="module")
def pool(graph_file):
    with WorkerPool(None, graph_file, size=2, limits=Limits(timeout=1.0)).start() as p:
        yield p


# --- loading -------------------------------------------------------------------------------


def test_load_store_swaps_in_a_new_store(tmp_path, graph_file):
    target = tmp_path / "store"
    assert load_store(graph_file, target) == 100
    small = write_graph(tmp_path / "small.nt", regions=3)
    assert load_store(small, target) == 6
    assert OxigraphStore.open(target).count_triples() == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.nt", "store"]


def test_failed_load_keeps_the_good_store(tmp_path, graph_file):
    target = tmp_path / "store"
    load_store(graph_file, target)
    bad = tmp_path / "bad.nt"
    bad.write_text(f'<{EX}a> <{EX}b> <{EX}c> .\n<{EX}a> <{EX}b> "unclosed .\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.nt:2: not valid RDF"):
        load_store(bad, target)
    assert OxigraphStore.open(target).count_triples() == 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.nt", "store"]


def test_missing_store_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no store here"):
        OxigraphStore.open(tmp_path / "nowhere")


# --- queries in process ----------------------------------------------------------------------


def test_select_json_and_count(store):
    result = store.query(f"SELECT ?s WHERE {{ ?s <{EX}rank> ?r FILTER(?r < 5) }}")
    assert result.kind == "bindings" and result.media_type == "application/sparql-results+json"
    assert result.count == 5
    assert len(json.loads(result.body)["results"]["bindings"]) == 5


@pytest.mark.parametrize(
    "media_type", ["application/sparql-results+xml", "text/csv", "text/tab-separated-values"]
)
def test_result_reserialises(store, media_type):
    result = store.query(f"SELECT ?r WHERE {{ <{EX}region/3> <{EX}rank> ?r }}")
    assert b"3" in result.serialize(media_type)


@pytest.mark.parametrize(
    "value",
    [URIRef(f"{EX}region/7"), ox.NamedNode(f"{EX}region/7")],
    ids=["rdflib", "pyoxigraph"],
)
def test_bindings_are_terms(store, value):
    result = store.query(f"SELECT ?r WHERE {{ ?s <{EX}rank> ?r }}", bindings={"s": value})
    rows = json.loads(result.body)["results"]["bindings"]
    assert [r["r"]["value"] for r in rows] == ["7"]


def test_binding_text_cannot_inject(store):
    evil = '地区1"@zh } ?s ?p ?o . FILTER(true'
    result = store.query("SELECT ?s WHERE { ?s ?p ?label }", bindings={"label": Literal(evil)})
    assert result.count == 0
    assert '\\"' in values_clause({"label": Literal(evil)})


def test_row_cap_names_the_cap(store):
    with pytest.raises(TooManyResults, match="60-row limit"):
        store.query("SELECT * WHERE { ?s ?p ?o }")
    assert store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 60").count == 60


def test_construct_cap_counts_triples(graph_file):
    small = OxigraphStore.open(None, graph_file=graph_file, limits=Limits(max_rows=10))
    with pytest.raises(TooManyResults, match="10-triple limit"):
        small.query("CONSTRUCT WHERE { ?s ?p ?o }")


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("ASK {", QuerySyntaxError),
        ("INSERT DATA { <a> <b> <c> }", UpdateForbidden),
        ("PREFIX ex: <http://x/>\nDROP ALL", UpdateForbidden),
        ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", ServiceForbidden),
        ("SELECT * {} #" + "x" * 100_001, QueryTooLarge),
    ],
    ids=["syntax", "insert", "drop-after-prologue", "service", "too-large"],
)
def test_refusals(store, query, error):
    with pytest.raises(error):
        store.query(query)


def test_not_acceptable_lists_offers(store):
    with pytest.raises(NotAcceptable) as info:
        store.query("ASK {}", accept="text/csv")
    assert "application/sparql-results+json" in info.value.hint


# --- text checks and negotiation, table-driven ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "update", "service"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", False, False),
        ("# INSERT DATA\nASK {}", False, False),
        ('SELECT * { ?s ?p "DELETE SERVICE <x>" }', False, False),
        ("SELECT ?service { ?service ex:SERVICE service:x }", False, False),
        ("BASE <http://a/> PREFIX : <http://b#> WITH <g> DELETE {} WHERE {}", True, False),
        ("clear all", True, False),
        ("select * { service silent <http://e/> {} }", False, True),
    ],
)
def test_text_checks(text, update, service):
    assert (is_update(text), uses_service(text)) == (update, service)


@pytest.mark.parametrize(
    ("kind", "accept", "chosen"),
    [
        ("bindings", None, "application/sparql-results+json"),
        (
            "bindings",
            "text/html,application/xhtml+xml,*/*;q=0.8",
            "application/sparql-results+json",
        ),
        ("bindings", "application/xml", "application/sparql-results+xml"),
        ("bindings", "text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
        ("graph", "application/xml", "application/rdf+xml"),
        ("graph", "text/*", "text/turtle"),
        ("graph", "application/ld+json;q=0.9, text/turtle;q=0.1", "application/ld+json"),
        ("boolean", "text/csv", None),
        ("graph", "application/sparql-results+json", None),
    ],
)
def test_negotiation(kind, accept, chosen):
    assert choose_for(kind, accept) == chosen


# --- worker processes ----------------------------------------------------------------------


def test_pool_answers(pool):
    result = pool.query(f"ASK {{ <{EX}region/1> ?p ?o }}")
    assert json.loads(result.body)["boolean"] is True
    assert pool.count_triples() == 100


def test_timeout_kills_the_worker(pool):
    before = set(pool.pids())
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"query exceeded the 1 s time limit"):
        pool.query(SLOW_QUERY)
    assert time.monotonic() - started < 1.0 + 2.0
    killed = pool.last_killed_pid
    assert killed in before
    with pytest.raises(ProcessLookupError):
        os.kill(killed, 0)
    assert killed not in pool.pids() and len(pool.pids()) == 2
    # the replacement answers the next query
    assert pool.query("ASK {}").kind == "boolean"


def test_worker_errors_keep_the_worker(pool):
    before = set(pool.pids())
    with pytest.raises(QuerySyntaxError, match="malformed query"):
        pool.query("SELECT WHERE")
    assert set(pool.pids()) == before


def test_pool_on_disk_store(tmp_path, graph_file):
    load_store(graph_file, tmp_path / "store")
    with WorkerPool(tmp_path / "store", size=1).start() as disk_pool:
        assert disk_pool.count_triples() == 100


def test_pool_fails_fast_on_a_bad_store(tmp_path):
    with pytest.raises(StoreUnavailable, match="could not open the store"):
        WorkerPool(tmp_path / "missing", size=1).start()
