"""Minted IRIs dereference under /id/{path}: RDF by Accept, a minimal HTML page for browsers, and a
rebased public prefix when the server runs with another base IRI."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from policygraph.api import ServerSettings, create_app

PGR = "https://w3id.org/policygraph/id/"
GZL = URIRef(PGR + "region/220184")


@pytest.mark.parametrize(
    ("accept", "fmt", "media"),
    [
        (None, "turtle", "text/turtle"),
        ("text/turtle", "turtle", "text/turtle"),
        ("application/ld+json", "json-ld", "application/ld+json"),
        ("application/n-triples", "nt", "application/n-triples"),
    ],
)
def test_rdf_by_accept(api_client, accept, fmt, media):
    r = api_client.get("/id/region/220184", headers={"Accept": accept} if accept else {})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert "Accept" in r.headers["vary"]
    g = Graph().parse(data=r.text, format=fmt)
    assert (GZL, SKOS.prefLabel, Literal("公主岭市", lang="zh")) in g
    # labels of the objects come along: the parent region's name
    assert (URIRef(PGR + "region/220100"), SKOS.prefLabel, Literal("长春市", lang="zh")) in g


def test_html_for_browsers_goes_to_the_page_for_people(api_client):
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    r = api_client.get("/id/region/220184", headers=browser, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/ui/regions/")
    page = api_client.get("/id/region/220184", headers=browser)
    assert page.status_code == 200 and "公主岭市" in page.text and "长春市" in page.text


def test_html_for_resources_without_a_page(api_client):
    r = api_client.get(
        "/id/industry/automotive", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "汽车" in r.text and 'href="/id/' in r.text


def test_clause_iri_dereferences(api_client):
    r = api_client.get(
        "/id/doc/000_e2dd2b49d853fc19-01/art/3", headers={"Accept": "application/n-triples"}
    )
    assert r.status_code == 200 and "加强航空枢纽建设" in r.text


def test_unknown_resource_404_and_406(api_client):
    body = api_client.get("/id/region/999999").json()
    assert body["error"]["status"] == 404 and body["error"]["code"] == "not_found"
    body = api_client.get("/id/region/220184", headers={"Accept": "image/png"}).json()
    assert body["error"]["status"] == 406 and "text/turtle" in body["error"]["hint"]


def test_base_iri_rewrites_responses(seed_build, seed_store):
    base = "http://localhost:8000/id/"
    settings = ServerSettings(
        store_path=seed_build.store_dir, graph_file=seed_build.graph_file, base_iri=base
    )
    with TestClient(create_app(settings, store=seed_store)) as client:
        region = client.get("/regions/公主岭").json()
        assert region["iri"] == base + "region/220184"
        clause = client.get("/regions/公主岭/clauses", params={"limit": 1}).json()["items"][0]
        assert clause["iri"].startswith(base + "doc/")
        ttl = client.get("/id/region/220184").text
        assert PGR not in ttl
        g = Graph().parse(data=ttl, format="turtle")
        assert (URIRef(base + "region/220184"), SKOS.prefLabel, Literal("公主岭市", lang="zh")) in g
        # the rebased clause IRI is accepted back
        assert client.get("/clauses", params={"iri": clause["iri"]}).json()["iri"] == clause["iri"]
