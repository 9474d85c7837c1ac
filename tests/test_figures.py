"""Figures: valid PNG/SVG of the documented size, deterministic, different when the data differs,
CJK labels when a font exists and an English/pinyin fallback with a warning when not."""

from __future__ import annotations

import hashlib
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from policygraph.analysis import figures
from policygraph.analysis.data import load_data
from policygraph.analysis.figures import DPI, NAMES, SIZES, render
from policygraph.api import ServerSettings, create_app
from policygraph.api.routes_analysis import WARNING_HEADER, router
from policygraph.cli import main
from policygraph.pipeline import build
from policygraph.store import OxigraphStore

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def built(seed_build) -> Path:
    """The session's seed build (tests/conftest.py); these tests only read it."""
    return seed_build.out_dir


@pytest.fixture(scope="module")
def data(built):
    return load_data(OxigraphStore.open(built / "store"))


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == PNG_SIGNATURE and body[12:16] == b"IHDR"
    return struct.unpack(">II", body[16:24])


def svg_root(body: bytes) -> ET.Element:
    root = ET.fromstring(body)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


@pytest.mark.parametrize("name", NAMES)
def test_png_is_valid_and_sized(data, name):
    image = render(name, data, "png")
    width, height = SIZES[name]
    assert png_size(image.body) == (int(width * DPI), int(height * DPI))
    assert image.media_type == "image/png"


@pytest.mark.parametrize("name", NAMES)
def test_svg_is_valid_and_sized(data, name):
    root = svg_root(render(name, data, "svg").body)
    width, height = SIZES[name]
    assert root.get("width") == f"{width * 72:g}pt" and root.get("height") == f"{height * 72:g}pt"


@pytest.mark.parametrize("name", NAMES)
def test_figures_are_deterministic_and_follow_the_data(data, name):
    whole = hashlib.sha256(render(name, data, "png").body).hexdigest()
    assert hashlib.sha256(render(name, data, "png").body).hexdigest() == whole
    doc10 = {d for d in data.documents if d.endswith("-10")}
    assert hashlib.sha256(render(name, data, "png", doc10).body).hexdigest() != whole
    assert render(name, data, "svg").body == render(name, data, "svg").body


def test_smaller_source_gives_a_different_heatmap(data, tmp_path):
    """A crafted source (only document 10's text) builds a graph whose heatmap differs."""
    from policygraph.paths import SOURCES_DIR

    lines = next(SOURCES_DIR.glob("*.txt")).read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if "关于推进长春—公主岭同城化协同发展" in line)
    source = tmp_path / "sources" / "crafted.txt"
    source.parent.mkdir()
    source.write_text("".join(lines[start:]), encoding="utf-8")
    build([source], out_dir=tmp_path / "build", progress=None, validate=False)
    small = load_data(OxigraphStore.open(tmp_path / "build" / "store"))
    assert len(small.documents) == 1
    assert render("heatmap", small, "png").body != render("heatmap", data, "png").body


def test_cjk_font_is_used_when_installed(data):
    if figures.cjk_font() is None:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    image = render("regions", data, "svg")
    assert image.warnings == []
    # Text is drawn as glyph paths whose ids start with the font's name (e.g. NotoSansCJKsc-…).
    font = figures.cjk_font().replace(" ", "")
    assert font[:11].encode().lower() in image.body.lower()


def test_fallback_labels_without_a_cjk_font(data, monkeypatch):
    monkeypatch.setattr(figures, "cjk_font", lambda: None)
    image = render("heatmap", data, "png")
    assert image.warnings == [figures.NO_CJK]
    assert png_size(image.body) == (1200, 1400)


def test_cli_plot(built, tmp_path, capsys):
    store = str(built / "store")
    out = tmp_path / "net.svg"
    assert main(["plot", "network", "-o", str(out), "--store", store]) == 0
    svg_root(out.read_bytes())
    out = tmp_path / "regions.png"
    assert (
        main(
            [
                "plot",
                "regions",
                "--format",
                "png",
                "-o",
                str(out),
                "--document",
                "10",
                "--store",
                store,
            ]
        )
        == 0
    )
    assert png_size(out.read_bytes()) == (1000, 800)
    assert main(["plot", "heatmap", "--document", "99", "--store", store]) == 2


def test_api_figures(built, monkeypatch):
    app = create_app(ServerSettings(store_path=built / "store", graph_file=None, workers=1))
    app.include_router(router)
    with TestClient(app) as client:
        r = client.get("/figures/heatmap.png")
        assert r.status_code == 200 and r.headers["content-type"] == "image/png"
        assert png_size(r.content) == (1200, 1400)
        r = client.get("/figures/regions.svg", params={"document": "6"})
        assert r.headers["content-type"].startswith("image/svg+xml")
        svg_root(r.content)
        assert client.get("/figures/pie.png").status_code == 400
        assert client.get("/figures/heatmap.gif").status_code == 400
        monkeypatch.setattr(figures, "cjk_font", lambda: None)
        r = client.get("/figures/network.png")
        assert r.status_code == 200 and "CJK" in r.headers[WARNING_HEADER]


def test_figures_drawn_on_several_threads_equal_those_drawn_one_by_one(data):
    """The server draws on a thread pool; matplotlib's settings are global, so drawings must not
    see each other's (a race drew labels without the CJK font)."""
    from concurrent.futures import ThreadPoolExecutor

    alone = {name: render(name, data, "svg").body for name in NAMES}
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda n: (n, render(n, data, "svg").body), list(NAMES) * 3))
    assert all(body == alone[name] for name, body in together)
