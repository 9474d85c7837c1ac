"""Network analyses (deterministic measures, weights = shared clauses, file formats) and the
analysis API routes (/matrix, /analysis/…) on a real worker-pool app."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections import Counter
from itertools import combinations
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from policygraph.analysis import network as nw
from policygraph.analysis.data import load_data, select
from policygraph.api import ServerSettings, create_app
from policygraph.api.routes_analysis import router
from policygraph.cli import main

ORG = "https://w3id.org/policygraph/id/org/"
REGION = "https://w3id.org/policygraph/id/region/"


@pytest.fixture(scope="module")
def built(seed_build) -> Path:
    """The session's seed build (tests/conftest.py); these tests only read it."""
    return seed_build.out_dir


@pytest.fixture(scope="module")
def store(seed_store):
    return seed_store


@pytest.fixture(scope="module")
def data(store):
    return load_data(store)


@pytest.fixture(scope="module")
def client(built):
    app = create_app(ServerSettings(store_path=built / "store", graph_file=None, workers=1))
    app.include_router(router)
    with TestClient(app) as c:
        yield c


def test_edge_weights_are_shared_clauses(data, store):
    g = nw.co_responsibility(data)
    rows = select(
        store, """SELECT ?c ?d WHERE { ?r a pg:Responsibility ; pg:clause ?c ; prov:agent ?d }"""
    )
    by_clause: dict[str, set[str]] = {}
    for r in rows:
        by_clause.setdefault(r["c"], set()).add(r["d"])
    shared = Counter(
        pair for depts in by_clause.values() for pair in combinations(sorted(depts), 2)
    )
    assert {tuple(sorted((a, b))): w for a, b, w in g.edges(data="weight")} == dict(shared)
    pair = (ORG + "changchun-gov", ORG + "gongzhuling-gov")
    assert g[pair[0]][pair[1]]["weight"] >= 30  # every clause of document 10 names both
    assert all(
        g.nodes[n]["weighted_degree"] == sum(w for *_, w in g.edges(n, data="weight")) for n in g
    )


def test_measures_are_deterministic(data):
    a, b = nw.co_responsibility(data), nw.co_responsibility(data)
    assert nw.communities_of(a) == nw.communities_of(b)
    assert nw.hubs(a) == nw.hubs(b)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert nw.network_report(a) == nw.network_report(b)
    assert nw.hubs(a, 2) == [ORG + "changchun-gov", ORG + "jl-fgw"]


def test_lead_support_edges(data):
    g = nw.lead_support(data, {d for d in data.documents if d.endswith("-10")})
    assert g.is_directed()
    # Document 10: 长春市政府 leads, 省政府相关部门 supports in clauses 2-7, 13, 25, 26, 28.
    assert g[ORG + "changchun-gov"][ORG + "jl-gov-depts"]["weight"] == 10
    assert not g.has_edge(ORG + "jl-gov-depts", ORG + "changchun-gov")


def test_hub_report_names_departments(data):
    g = nw.co_responsibility(data)
    text = nw.network_report(g, nw.lead_support(data))
    assert "## Hub departments" in text and "长春市人民政府" in text and "## Communities" in text


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_network_files_read_back(data, fmt):
    g = nw.co_responsibility(data)
    body = nw.serialise(g, fmt)
    if fmt == "graphml":
        back = nx.read_graphml(io.BytesIO(body))
    elif fmt == "gexf":
        back = nx.read_gexf(io.BytesIO(body))
    else:
        back = nx.node_link_graph(json.loads(body), edges="links")
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    node = ORG + "jl-fgw"
    assert back.nodes[node]["label"] == "吉林省发展和改革委员会"


def test_region_reach(data, store):
    g = nw.region_reach(data)
    rows = {r["iri"]: r for r in nw.region_rows(g)}
    for r in rows.values():
        assert r["reached"] == r["direct"] + r["via_corridor"] + r["via_plan"]
    named = int(
        select(
            store,
            f"""SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{
        ?c pg:mentionsRegion <{REGION}220184> }}""",
        )[0]["n"]
    )
    assert rows[REGION + "220184"]["direct"] >= named
    # Document 10 implements the plan whose group holds 公主岭市: its 30 clauses reach it.
    assert rows[REGION + "220184"]["reached"] >= 30
    assert "长春—公主岭同城化协同发展规划" in rows[REGION + "220184"]["plans"]
    kinds = Counter(a["kind"] for _, a in g.nodes(data=True))
    assert kinds["document"] == 10 and kinds["plan"] == 12


def test_cli_analyse(built, tmp_path, capsys):
    store = str(built / "store")
    assert main(["analyse", "network", "--store", store]) == 0
    assert "Hub departments" in capsys.readouterr().out
    out = tmp_path / "net.graphml"
    assert (
        main(["analyse", "network", "--format", "graphml", "-o", str(out), "--store", store]) == 0
    )
    assert nx.read_graphml(out).number_of_nodes() > 50
    assert (
        main(
            [
                "analyse",
                "regions",
                "--format",
                "gexf",
                "-o",
                str(tmp_path / "r.gexf"),
                "--store",
                store,
            ]
        )
        == 0
    )
    assert main(["analyse", "regions", "--store", store]) == 0
    assert "公主岭市" in capsys.readouterr().out


def test_api_matrix_formats(client):
    r = client.get("/matrix", params={"cols": "document", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    disposition = r.headers["content-disposition"]
    assert (
        disposition.startswith("attachment;")
        and "filename*=UTF-8''matrix-department-document.csv" in disposition
    )
    r = client.get(
        "/matrix",
        params={"cols": "all"},
        headers={"Accept": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    )
    assert r.status_code == 200
    assert len(load_workbook(io.BytesIO(r.content)).sheetnames) == 6
    r = client.get("/matrix", params={"cols": "clause", "role": "lead", "document": "10"})
    assert r.headers["content-type"] == "application/json" and r.json()["total"] == 60
    r = client.get("/matrix", params={"cols": "region", "region": "公主岭市", "format": "csv"})
    disposition = r.headers["content-disposition"]
    assert 'filename="matrix-department-region-____.csv"' in disposition
    assert (
        unquote(disposition.split("filename*=UTF-8''")[1])
        == "matrix-department-region-公主岭市.csv"
    )


def test_api_matrix_html(client):
    r = client.get(
        "/matrix", params={"cols": "clause", "document": "6"}, headers={"Accept": "text/html"}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "◆" in r.text and "吉林省交通运输厅" in r.text and "format=xlsx" in r.text
    ET.fromstring(
        r.text.split("<table>", 1)[1]
        .split("</table>", 1)[0]
        .join(["<table>", "</table>"])
        .replace("&nbsp;", " ")
    )
    assert client.get("/matrix?format=html&cols=document").status_code == 200


def test_api_matrix_errors(client):
    r = client.get("/matrix", params={"document": "nope"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_input"
    assert "no document matches" in r.json()["error"]["message"]
    r = client.get("/matrix", headers={"Accept": "image/png"})
    assert r.status_code == 406 and r.json()["error"]["code"] == "not_acceptable"
    assert client.get("/matrix", params={"format": "pdf"}).status_code == 400
    assert client.get("/matrix", params={"cols": "weather"}).status_code == 400


def test_api_analysis(client):
    r = client.get("/analysis/network")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert len(r.json()["nodes"]) > 50
    r = client.get("/analysis/network", params={"format": "gexf"})
    assert r.headers["content-type"].startswith("application/gexf+xml")
    assert "co-responsibility.gexf" in r.headers["content-disposition"]
    assert client.get("/analysis/network", params={"format": "text"}).text.startswith(
        "# Co-responsibility"
    )
    r = client.get("/analysis/regions")
    assert r.status_code == 200 and r.json()["regions"][0]["name"] == "长春市"
    assert client.get("/analysis/regions", params={"format": "graphml"}).status_code == 200
    assert client.get("/analysis/regions", params={"format": "xls"}).status_code == 400
