"""Real clients (SPARQLWrapper, rdflib's SPARQLStore, our RemoteStore) against a real uvicorn on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

from policygraph.api import ServerSettings, create_app
from policygraph.api.local import LocalServer
from policygraph.sparql.errors import QuerySyntaxError, UpdateForbidden
from policygraph.store import RemoteStore

EX = "http://example.org/"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    nt = tmp_path_factory.mktemp("g") / "graph.nt"
    nt.write_text(
        "".join(
            f'<{EX}region/{i}> <{LABEL}> "地区{i}"@zh .\n<{EX}region/{i}> <{EX}rank> "{i}"^^'
            f"<http://www.w3.org/2001/XMLSchema#integer> .\n"
            for i in range(10)
        ),
        encoding="utf-8",
    )
    app = create_app(ServerSettings(store_path="memory", graph_file=nt, workers=2, timeout=5))
    with LocalServer(app) as server:
        yield server.endpoint


def wrapper(endpoint: str, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client


@pytest.mark.parametrize("method", [None, POST], ids=["get", "post"])
def test_sparqlwrapper_select(endpoint, method):
    query = f"SELECT ?s ?label WHERE {{ ?s <{LABEL}> ?label }} ORDER BY ?s"
    result = wrapper(endpoint, query, JSON, method).query().convert()
    rows = result["results"]["bindings"]
    assert len(rows) == 10 and rows[0]["label"]["xml:lang"] == "zh"


def test_sparqlwrapper_select_xml(endpoint):
    document = wrapper(endpoint, f"SELECT ?s WHERE {{ ?s <{EX}rank> 3 }}", XML).query().convert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == [f"{EX}region/3"]


def test_sparqlwrapper_ask(endpoint):
    assert (
        wrapper(endpoint, f"ASK {{ <{EX}region/1> ?p ?o }}", JSON).query().convert()["boolean"]
        is True
    )


def test_sparqlwrapper_construct(endpoint):
    query = f"CONSTRUCT {{ ?s <{EX}rank> ?r }} WHERE {{ ?s <{EX}rank> ?r }}"
    data = wrapper(endpoint, query, TURTLE).query().convert()
    graph = Graph().parse(data=data, format="turtle")
    assert len(graph) == 10


@pytest.mark.parametrize("return_format", ["xml", "json"])
def test_rdflib_sparqlstore_select_ask(endpoint, return_format):
    graph = Graph(store=SPARQLStore(endpoint, returnFormat=return_format))
    rows = list(graph.query(f"SELECT ?label WHERE {{ <{EX}region/2> <{LABEL}> ?label }}"))
    assert rows[0][0] == Literal("地区2", lang="zh")
    assert graph.query(f"ASK {{ <{EX}region/9> ?p ?o }}").askAnswer is True


def test_rdflib_sparqlstore(endpoint):
    # rdflib's default Accept (SPARQL XML results, RDF/XML) covers tabular and graph answers
    graph = Graph(store=SPARQLStore(endpoint))
    rows = list(graph.query(f"SELECT ?label WHERE {{ <{EX}region/2> <{LABEL}> ?label }}"))
    assert rows[0][0] == Literal("地区2", lang="zh")
    assert graph.query(f"ASK {{ <{EX}region/9> ?p ?o }}").askAnswer is True
    constructed = graph.query(f"CONSTRUCT WHERE {{ <{EX}region/4> ?p ?o }}").graph
    assert (URIRef(f"{EX}region/4"), URIRef(f"{EX}rank"), Literal(4)) in constructed
    assert (URIRef(f"{EX}region/5"), None, None) in graph


def test_remote_store(endpoint):
    store = RemoteStore(endpoint)
    try:
        assert store.count_triples() == 20
        result = store.query(
            f"SELECT ?r WHERE {{ ?s <{EX}rank> ?r }}", bindings={"s": URIRef(f"{EX}region/6")}
        )
        assert result.kind == "bindings"
        assert [b["r"]["value"] for b in json.loads(result.body)["results"]["bindings"]] == ["6"]
        assert store.query("ASK {}").kind == "boolean"
        assert store.query("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1").kind == "graph"
        with pytest.raises(QuerySyntaxError):
            store.query("SELECT * {")
        with pytest.raises(UpdateForbidden):
            store.query("DROP ALL")
    finally:
        store.close()
