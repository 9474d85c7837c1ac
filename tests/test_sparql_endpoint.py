"""The /sparql endpoint in process: every protocol path, every format parsed back, one error envelope."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from policygraph.api import ServerSettings, create_app
from policygraph.sparql.errors import StoreUnavailable

EX = "http://example.org/"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RES = "{http://www.w3.org/2005/sparql-results#}"
SELECT = (
    "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s"
)
CONSTRUCT = f"CONSTRUCT {{ ?s <{EX}rank> ?r }} WHERE {{ ?s <{EX}rank> ?r }}"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"


def graph_text(regions: int = 20) -> str:
    lines = []
    for i in range(regions):
        s = f"<{EX}region/{i}>"
        lines.append(f'{s} <http://www.w3.org/2000/01/rdf-schema#label> "地区{i}"@zh .')
        lines.append(f'{s} <{EX}rank> "{i}"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    nt = tmp_path_factory.mktemp("g") / "graph.nt"
    nt.write_text(graph_text(), encoding="utf-8")
    settings = ServerSettings(
        store_path="memory",
        graph_file=nt,
        timeout=1.0,
        max_rows=30,
        max_query_bytes=5_000,
        workers=2,
    )
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(scope="module")
def dataset_client(tmp_path_factory):
    nq = tmp_path_factory.mktemp("q") / "graphs.nq"
    nq.write_text(
        f"<{EX}d> <{EX}in> <{EX}default> .\n"
        f"<{EX}a> <{EX}in> <{EX}g1> <{EX}g1> .\n"
        f"<{EX}b> <{EX}in> <{EX}g2> <{EX}g2> .\n",
        encoding="utf-8",
    )
    with TestClient(create_app(ServerSettings(store_path="memory", graph_file=nq, workers=1))) as c:
        yield c


def rows_of(response) -> list[dict]:
    return json.loads(response.content)["results"]["bindings"]


# --- query paths ----------------------------------------------------------------------------


def test_get_select_defaults_to_json(client):
    r = client.get("/sparql", params={"query": SELECT})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/sparql-results+json"
    rows = rows_of(r)
    assert len(rows) == 20 and rows[0]["label"] == {
        "type": "literal",
        "value": "地区0",
        "xml:lang": "zh",
    }


def test_post_form(client):
    r = client.post("/sparql", data={"query": SELECT})
    assert r.status_code == 200 and len(rows_of(r)) == 20


def test_post_direct(client):
    r = client.post(
        "/sparql", content=SELECT.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 200 and len(rows_of(r)) == 20


def test_select_xml(client):
    r = client.get(
        "/sparql", params={"query": SELECT}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    results = ET.fromstring(r.content).findall(f"{RES}results/{RES}result")
    assert len(results) == 20


def test_select_csv(client):
    r = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "text/csv"})
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    table = list(csv.reader(io.StringIO(r.text)))
    assert table[0] == ["s", "label"] and table[1] == [f"{EX}region/0", "地区0"]


def test_select_tsv(client):
    r = client.get(
        "/sparql", params={"query": SELECT}, headers={"Accept": "text/tab-separated-values"}
    )
    lines = r.text.splitlines()
    assert lines[0] == "?s\t?label" and lines[1] == f'<{EX}region/0>\t"地区0"@zh'


@pytest.mark.parametrize(
    "accept", ["application/sparql-results+json", "application/sparql-results+xml"]
)
def test_ask(client, accept):
    r = client.get(
        "/sparql", params={"query": f"ASK {{ <{EX}region/3> ?p ?o }}"}, headers={"Accept": accept}
    )
    assert r.status_code == 200
    if "json" in accept:
        assert r.json()["boolean"] is True
    else:
        assert ET.fromstring(r.content).find(f"{RES}boolean").text == "true"


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        (None, "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
    ids=["turtle-default", "n-triples", "json-ld", "rdf-xml"],
)
def test_construct_formats(client, accept, rdflib_format):
    headers = {"Accept": accept} if accept else {}
    r = client.post("/sparql", data={"query": CONSTRUCT}, headers=headers)
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == (accept or "text/turtle")
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert len(g) == 20


def test_describe(client):
    r = client.get("/sparql", params={"query": f"DESCRIBE <{EX}region/2>"})
    g = Graph().parse(data=r.content, format="turtle")
    assert len(g) == 2


def test_dataset_parameters(dataset_client):
    ask_default = f"ASK {{ ?s <{EX}in> <{EX}g1> }}"
    assert dataset_client.get("/sparql", params={"query": ask_default}).json()["boolean"] is False
    r = dataset_client.get("/sparql", params={"query": ask_default, "default-graph-uri": f"{EX}g1"})
    assert r.json()["boolean"] is True
    names = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = dataset_client.post(
        f"/sparql?named-graph-uri={EX}g2",
        content=names,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert [row["g"]["value"] for row in rows_of(r)] == [f"{EX}g2"]
    r = dataset_client.post(
        "/sparql", data={"query": names, "named-graph-uri": [f"{EX}g1", f"{EX}g2"]}
    )
    assert sorted(row["g"]["value"] for row in rows_of(r)) == [f"{EX}g1", f"{EX}g2"]


def test_service_description(client):
    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.content, format="turtle")
    service = URIRef("http://testserver/sparql")
    assert (service, RDF.type, SD.Service) in g
    assert (service, SD.endpoint, service) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert len(list(g.objects(service, SD.resultFormat))) == 8
    r = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert len(Graph().parse(data=r.content, format="json-ld")) == len(g)


def test_cors(client):
    r = client.options(
        "/sparql",
        headers={
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
    r = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://elsewhere.example"}
    )
    assert r.headers["access-control-allow-origin"] == "*"


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "kwargs", "status", "code"),
    [
        ("post", {"data": {"update": "CLEAR ALL"}}, 403, "update_forbidden"),
        (
            "post",
            {"content": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}},
            403,
            "update_forbidden",
        ),
        ("get", {"params": {"update": "CLEAR ALL"}}, 403, "update_forbidden"),
        ("get", {"params": {"query": "INSERT DATA { <a> <b> <c> }"}}, 403, "update_forbidden"),
        (
            "get",
            {"params": {"query": "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}},
            403,
            "service_forbidden",
        ),
        ("get", {"params": {"query": "SELECT * WHERE {"}}, 400, "malformed_query"),
        ("get", {"params": {"query": ["ASK {}", "ASK {}"]}}, 400, "bad_request"),
        (
            "post",
            {"content": b"ASK {}", "headers": {"Content-Type": "text/plain"}},
            415,
            "unsupported_media_type",
        ),
        ("post", {"content": b"query=ASK%20%7B%7D"}, 415, "unsupported_media_type"),
        (
            "post",
            {
                "content": "ASK {}".encode("utf-16"),
                "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"},
            },
            415,
            "unsupported_media_type",
        ),
        (
            "post",
            {"content": b"\xff\xfeASK", "headers": {"Content-Type": "application/sparql-query"}},
            400,
            "bad_request",
        ),
        ("get", {"params": {"query": "SELECT * WHERE { ?s ?p ?o }"}}, 400, "too_many_results"),
        ("put", {"params": {"query": "ASK {}"}}, 405, "method_not_allowed"),
    ],
    ids=[
        "form-update",
        "direct-update",
        "get-update",
        "insert-in-query",
        "service",
        "syntax",
        "two-queries",
        "text-plain",
        "no-content-type",
        "utf16",
        "bad-utf8",
        "row-cap",
        "put",
    ],
)
def test_refusals(client, method, kwargs, status, code):
    r = getattr(client, method)("/sparql", **kwargs)
    assert (r.status_code, r.json()["error"]["code"]) == (status, code)


def test_malformed_query_carries_parser_message(client):
    error = client.get("/sparql", params={"query": "SELECT * WHERE {"}).json()["error"]
    assert "error at 1:" in error["message"]


def test_row_cap_is_named(client):
    error = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}).json()["error"]
    assert "30-row limit" in error["message"] and "LIMIT 30" in error["hint"]


# --- the envelope, pinned once for every error status ----------------------------------------


class _Unavailable:
    def query(self, *args, **kwargs):
        raise StoreUnavailable("all 2 query workers stayed busy for 10 s", "try again shortly")

    def count_triples(self) -> int:
        return 0

    def close(self) -> None:
        pass


@pytest.mark.parametrize(
    ("request_args", "status", "code"),
    [
        (("get", "/sparql", {"params": {"query": "ASK {"}}), 400, "malformed_query"),
        (("post", "/sparql", {"data": {"update": "CLEAR ALL"}}), 403, "update_forbidden"),
        (("get", "/nowhere", {}), 404, "not_found"),
        (
            ("get", "/sparql", {"params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}),
            406,
            "not_acceptable",
        ),
        (
            (
                "post",
                "/sparql",
                {
                    "content": ("ASK {} #" + "x" * 5_000).encode(),
                    "headers": {"Content-Type": "application/sparql-query"},
                },
            ),
            413,
            "query_too_large",
        ),
        (("get", "/sparql", {"params": {"query": SLOW}}), 504, "query_timeout"),
    ],
    ids=["400", "403", "404", "406", "413", "504"],
)
def test_error_envelope(client, request_args, status, code):
    method, path, kwargs = request_args
    r = getattr(client, method)(path, **kwargs)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "hint"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert body["error"]["message"]


def test_error_envelope_503():
    with TestClient(create_app(ServerSettings(), store=_Unavailable())) as c:
        r = c.get("/sparql", params={"query": "ASK {}"})
    assert r.status_code == 503
    assert r.json() == {
        "error": {
            "status": 503,
            "code": "store_unavailable",
            "message": "all 2 query workers stayed busy for 10 s",
            "hint": "try again shortly",
        }
    }


def test_406_lists_offered_types(client):
    error = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}
    ).json()["error"]
    assert "application/sparql-results+json" in error["hint"] and "text/turtle" in error["hint"]


def test_timeout_names_the_limit_and_server_recovers(client):
    r = client.get("/sparql", params={"query": SLOW})
    assert r.json()["error"]["message"] == "query exceeded the 1 s time limit"
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_settings_accept_memory_string(tmp_path: Path):
    assert ServerSettings(store_path="memory").store_path is None
    assert ServerSettings(store_path=str(tmp_path)).store_path == tmp_path
