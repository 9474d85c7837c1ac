"""The HTML pages in process on the seed graph: pages render, links resolve, errors are friendly."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from policygraph.api import ServerSettings, create_app, page_context, pages
from policygraph.namespaces import RESOURCE_BASE
from policygraph.query import load_queries, run_query

DOC1 = "000_e2dd2b49d853fc19-01"
CLAUSE = "000_e2dd2b49d853fc19-02/art/3"  # has responsibilities (省发展改革委 …)
SAVED = sorted(load_queries())


class Links(HTMLParser):
    """Every href/src of a page, plus the ids it declares."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def parse(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def client(seed_build, seed_store):
    settings = ServerSettings(store_path=seed_build.store_dir, graph_file=seed_build.graph_file)
    app = create_app(settings, store=seed_store)
    app.include_router(pages.router)
    with TestClient(app) as c:
        yield c


def page(client, url, status=200) -> str:
    r = client.get(url, headers={"Accept": "text/html"})
    assert r.status_code == status, (url, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def text_of(html: str) -> str:
    main = html.split("<main>", 1)[-1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


PAGES = [
    "/",
    f"/ui/documents/{DOC1}",
    "/ui/regions",
    "/ui/regions/长春",
    "/ui/regions/220100",
    "/ui/regions/changchun",
    f"/ui/clauses/{CLAUSE}",
    "/ui/departments",
    "/ui/departments/jl-fgw",
    "/ui/departments/省发改委",
    "/ui/sparql",
    "/ui/sparql?example=corridors",
    "/ui/search?q=人才 补贴",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_with_the_layout(client, url):
    html = page(client, url)
    nav = parse(html.split("</nav>")[0]).links
    assert {"/", "/ui/regions", "/ui/departments", "/ui/sparql", "/docs"} <= set(nav)
    assert '<link rel="stylesheet" href="/ui/static/style.css">' in html


def test_home_counts_documents_and_picker(client, api_client):
    html = page(client, "/")
    stats = api_client.get("/stats").json()
    body = text_of(html)
    for key in ("documents", "clauses", "responsibilities", "departments", "regions"):
        assert f" {stats[key]} " in body, key
    docs = api_client.get("/documents").json()["items"]
    links = parse(html).links
    for d in docs:
        assert d["title"] in html and f"/ui/documents/{d['id']}" in links
    assert '<form action="/ui/regions" method="get">' in html
    r = client.get("/ui/regions", params={"ref": "长春"}, follow_redirects=False)
    assert r.status_code == 303 and unquote(r.headers["location"]) == "/ui/regions/长春"


def test_document_page_lists_sections_and_clauses(client, api_client):
    html = page(client, f"/ui/documents/{DOC1}")
    doc = api_client.get(f"/documents/{DOC1}").json()
    for s in doc["sections"]:
        assert f"{s['number']}、{s['title']}" in html
    clause_links = [link for link in parse(html).links if link.startswith("/ui/clauses/")]
    assert clause_links == [f"/ui/clauses/{c['id']}" for c in doc["clauses"]]


def test_region_page_groups_by_reason_and_marks_places(client, api_client):
    html = page(client, "/ui/regions/长春")
    items = api_client.get("/regions/长春/clauses", params={"limit": 1000}).json()
    ids = parse(html).ids
    assert {"reason-direct", "reason-contained", "reason-group", "reason-province"} <= ids
    assert f'<strong id="clause-total">{items["total"]}</strong>' in html
    assert "<mark>长春</mark>" in html or "<mark>长春市</mark>" in html
    direct = html.split('id="reason-direct"')[1].split('id="reason-contained"')[0]
    first_direct = next(c for c in items["items"] if c["reasons"][0]["reason"] == "direct")
    assert f'href="/ui/clauses/{first_direct["id"]}"' in direct
    assert "/ui/departments/" in html  # responsible departments with their roles


@pytest.mark.parametrize("ref", ["长春", "220100", "changchun", "长春市"])
def test_region_refs_resolve_to_the_same_page(client, ref):
    assert '<h1>长春市 <small class="code">220100</small></h1>' in page(
        client, f"/ui/regions/{ref}"
    )


def test_region_via_filter(client, api_client):
    html = page(client, "/ui/regions/长春?via=direct&via=province")
    ids = parse(html).ids
    assert "reason-direct" in ids and "reason-province" in ids and "reason-group" not in ids
    total = api_client.get("/regions/长春/clauses", params={"via": "direct,province"}).json()[
        "total"
    ]
    assert f'<strong id="clause-total">{total}</strong>' in html
    assert 'value="group" >' in html and 'value="direct" checked>' in html


def test_clause_page_shows_text_span_and_responsibilities(client, api_client):
    clause = api_client.get(f"/clauses/{CLAUSE}").json()
    html = page(client, f"/ui/clauses/{CLAUSE}")
    assert clause["text"] in html.replace("&#34;", '"')
    src = clause["source"]
    assert f"{src['start']}–{src['end']}" in html and src["file"] in html
    links = parse(html).links
    for r in clause["responsibilities"]:
        assert f"/ui/departments/{r['department_id']}" in links
        assert f'class="badge role-{r["role"]}"' in html
    assert f"/ui/documents/{clause['document']}" in links
    for region in clause["regions"]:
        assert page_context.href(region["iri"]) in links


def test_clause_page_shows_the_printed_source(client):
    html = page(client, f"/ui/clauses/{DOC1}/art/3")
    assert '<details class="source">' in html and "加强航空枢纽建设" in html
    assert "\ue010" not in html  # OCR private-use glyphs shown as ·


def test_department_page_groups_by_role(client, api_client):
    dept = api_client.get("/departments/jl-fgw").json()
    html = page(client, "/ui/departments/jl-fgw")
    for role, n in dept["clauses"].items():
        section = html.split(f'id="role-{role}"')[1].split("</section>")[0]
        assert section.count('href="/ui/clauses/') == n, role


def test_departments_index_links_every_department(client, api_client):
    html = page(client, "/ui/departments")
    total = api_client.get("/departments").json()["total"]
    assert len({link for link in parse(html).links if link.startswith("/ui/departments/")}) == total


def test_links_resolve(client):
    """Every link on the main pages answers 200 (pages, /id/ descriptions, JSON, static files)."""
    seen: set[str] = set()
    for start in [
        "/",
        f"/ui/documents/{DOC1}",
        "/ui/regions",
        "/ui/regions/吉林",
        f"/ui/clauses/{CLAUSE}",
        f"/ui/clauses/{DOC1}/art/1",
        "/ui/departments/jl-fgw",
        "/ui/departments",
        "/ui/sparql",
    ]:
        for link in parse(page(client, start)).links:
            url = urljoin(start, link)
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url in seen:
                continue
            seen.add(url)
            r = client.get(url, headers={"Accept": "text/html"})
            assert r.status_code == 200, f"{start} links to {url}: {r.status_code}"
    assert len(seen) > 100


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/ui/regions/长春县", "/ui/regions/220100"),
        ("/ui/departments/省发改", "/ui/departments/jl-fgw"),
        ("/ui/documents/000_e2dd2b49d853fc19-99", "/ui/documents/000_e2dd2b49d853fc19-"),
        (f"/ui/clauses/{DOC1}/art/99", f"/ui/documents/{DOC1}"),
        ("/ui/nowhere", "/ui/regions"),
    ],
    ids=["region", "department", "document", "clause", "no-page"],
)
def test_not_found_is_a_friendly_page_with_close_matches(client, url, expected):
    html = page(client, url, status=404)
    assert "找不到 · Not found" in html and "Did you mean" in html
    assert any(link.startswith(expected) for link in parse(html).links), parse(html).links


def test_bad_filter_is_a_400_page(client):
    html = page(client, "/ui/regions/长春?via=nearby", status=400)
    assert "unknown reason(s) in via: nearby" in html


def test_output_is_escaped(client):
    html = page(client, "/ui/regions/<script>alert(1)</script>", status=404)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = page(client, "/ui/search?q=<b>人才")
    assert "<b>人才" not in html and "&lt;b&gt;人才" in html


def test_search_page_marks_terms(client):
    html = page(client, "/ui/search?q=人才")
    assert "<mark>人才</mark>" in html and "/ui/clauses/" in html


def test_static_files(client):
    assert client.get("/ui/static/style.css").headers["content-type"].startswith("text/css")
    assert 'fetch("/sparql"' in client.get("/ui/static/sparql.js").text
    assert client.get("/ui/static/..%2Fpages.py").status_code == 404
    assert client.get("/ui/static/missing.css").status_code == 404


def test_sparql_page_lists_saved_queries(client):
    html = page(client, "/ui/sparql?example=subsidies-above")
    examples = json.loads(
        html.split('<script type="application/json" id="examples">')[1].split("</script>")[0]
    )
    assert sorted(examples) == SAVED
    assert 'id="query"' in html and 'id="results"' in html and "/ui/static/sparql.js" in html
    assert "10000000" in html.split('<textarea id="query"')[1].split("</textarea>")[0]
    for name in SAVED:
        assert f'href="/ui/sparql?example={name}"' in html


@pytest.mark.parametrize("name", SAVED)
def test_example_text_runs_and_matches_the_bound_query(client, seed_store, name):
    """The editor's text (examples written in) answers like the saved query with bound examples."""
    query = load_queries()[name]
    text = page_context.example_text(query)
    r = client.post(
        "/sparql", data={"query": text}, headers={"Accept": "application/sparql-results+json"}
    )
    assert r.status_code == 200, r.text
    rows = r.json()["results"]["bindings"]
    expected = json.loads(
        run_query(
            seed_store, query, use_examples=True, accept="application/sparql-results+json"
        ).body
    )["results"]["bindings"]
    assert len(rows) == len(expected) and rows
    assert (
        r.json()["head"]["vars"]
        == json.loads(
            run_query(
                seed_store, query, use_examples=True, accept="application/sparql-results+json"
            ).body
        )["head"]["vars"]
    )


@pytest.mark.parametrize(
    "iri, path",
    [
        (RESOURCE_BASE + "region/220100", "/ui/regions/220100"),
        (RESOURCE_BASE + "org/jl-fgw", "/ui/departments/jl-fgw"),
        (RESOURCE_BASE + f"doc/{DOC1}", f"/ui/documents/{DOC1}"),
        (RESOURCE_BASE + f"doc/{DOC1}/art/3", f"/ui/clauses/{DOC1}/art/3"),
        (RESOURCE_BASE + f"doc/{DOC1}/art/3/amount/1", None),
        (RESOURCE_BASE + "zone/changchun-new-area", None),
        ("https://schema.org/MonetaryAmount", None),
    ],
)
def test_ui_path(iri, path):
    assert page_context.ui_path(iri) == path
    assert page_context.href(iri) == path or (
        path is None and page_context.href(iri) in (page_context.ld(iri), iri)
    )


def test_highlight_escapes_and_prefers_longer_terms():
    assert (
        str(page_context.highlight("长春市<长春>", ["长春", "长春市"]))
        == "<mark>长春市</mark>&lt;<mark>长春</mark>&gt;"
    )
    assert str(page_context.highlight("a&b", [])) == "a&amp;b"


def test_home_shows_the_figures_and_links_the_matrix(client):
    page = client.get("/", headers={"Accept": "text/html"}).text
    for src in ("/figures/heatmap.svg", "/figures/regions.svg", "/figures/network.svg"):
        assert f'src="{src}"' in page
        r = client.get(src)
        assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    matrix = client.get("/matrix?cols=document&format=html")
    assert matrix.status_code == 200 and "吉林省发展和改革委员会" in matrix.text
