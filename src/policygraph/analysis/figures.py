"""Figures (heatmap, network, regions) drawn with matplotlib's Agg backend in a CJK font when one
exists, else with English/pinyin labels and a warning, so a missing font never fails a build."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

import networkx as nx
from matplotlib import font_manager
from matplotlib.figure import Figure

from ..errors import InputError
from .data import ROLES, GraphData
from .network import co_responsibility, communities_of, hubs, region_reach, region_rows

NAMES = ("heatmap", "network", "regions")
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
SIZES = {"heatmap": (12.0, 14.0), "network": (12.0, 10.0), "regions": (10.0, 8.0)}
DPI = 100
CJK_HINTS = (
    "CJK",
    "WenQuanYi",
    "Source Han",
    "Droid Sans Fallback",
    "AR PL",
    "Noto Sans SC",
    "SimHei",
    "Microsoft YaHei",
    "PingFang",
    "Heiti",
    "Sarasa",
)
_DRAWING = threading.Lock()
NO_CJK = "no CJK font found (install fonts-noto-cjk); labels use English names and pinyin"


@dataclass
class Rendered:
    """Image bytes plus the warnings a caller must pass on (stderr, a header, a JSON note)."""

    body: bytes
    media_type: str
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of a font with CJK coverage, registering system fonts installed after
    matplotlib built its cache."""

    def known() -> str | None:
        # Simplified-Chinese variants first: their glyph shapes are the ones the documents use.
        names = sorted(
            {f.name for f in font_manager.fontManager.ttflist},
            key=lambda n: (not n.endswith(" SC"), n),
        )
        for hint in CJK_HINTS:
            for name in names:
                if hint.lower() in name.lower():
                    return name
        return None

    found = known()
    if found:
        return found
    for path in font_manager.findSystemFonts():
        if any(
            h.lower().replace(" ", "") in path.lower().replace(" ", "").replace("-", "")
            for h in ("cjk", "wqy", "wenquanyi", "sourcehan", "droidsansfallback", "uming", "ukai")
        ):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    return known()


def short_title(title: str) -> str:
    """Document titles without the shared '关于…的若干政策' frame."""
    t = title.removeprefix("关于").removesuffix("的若干政策")
    for verb in ("推进", "支持"):
        t = t.removeprefix(verb)
    return t.removesuffix("规划实施").removesuffix("建设").removesuffix("发展")


def render(
    name: str,
    data: GraphData,
    fmt: str = "png",
    documents: set[str] | None = None,
    force_latin: bool = False,
) -> Rendered:
    """Draw one named figure; documents (IRIs) restricts the data drawn."""
    if name not in NAMES:
        raise InputError("figure", f"unknown figure {name!r}", f"use one of {', '.join(NAMES)}")
    if fmt not in FORMATS:
        raise InputError("--format", f"unknown image format {fmt!r}", "use png or svg")
    font = None if force_latin else cjk_font()
    warnings = [] if font else [NO_CJK]
    rc: dict = {
        "svg.hashsalt": "policygraph",
        "font.family": "sans-serif",
        "font.sans-serif": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
        "axes.unicode_minus": False,
    }
    # rc_context swaps matplotlib's global settings; the server draws figures on several
    # threads, so one drawing at a time (else a figure may be drawn without the CJK font)
    with _DRAWING, matplotlib.rc_context(rc):
        fig = Figure(figsize=SIZES[name], dpi=DPI)
        {"heatmap": _heatmap, "network": _network, "regions": _regions}[name](
            fig, data, font is not None, documents
        )
        buf = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buf, format=fmt, dpi=DPI, metadata=metadata)
    return Rendered(buf.getvalue(), FORMATS[fmt], warnings)


def _heatmap(fig: Figure, data: GraphData, cjk: bool, documents: set[str] | None) -> None:
    docs = sorted(
        (d for d in data.documents.values() if not documents or d.iri in documents),
        key=lambda d: d.position,
    )
    counts: dict[tuple[str, str], int] = {}
    for r in data.responsibilities:
        doc = data.clauses[r.clause].document
        if doc in {d.iri for d in docs}:
            counts[(r.department, doc)] = counts.get((r.department, doc), 0) + 1
    depts = sorted(
        {d for d, _ in counts}, key=lambda d: (-sum(v for (x, _), v in counts.items() if x == d), d)
    )
    grid = [[counts.get((d, doc.iri), 0) for doc in docs] for d in depts]
    ax = fig.add_subplot()
    image = ax.imshow(grid or [[0]], aspect="auto", cmap="YlOrRd")
    ax.set_xticks(
        range(len(docs)),
        [short_title(d.title) if cjk else f"Doc {d.position}" for d in docs],
        rotation=45,
        ha="right",
        fontsize=8,
    )
    ax.set_yticks(range(len(depts)), [data.department_name(d, cjk) for d in depts], fontsize=7)
    top = max((v for row in grid for v in row), default=0)
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            if v:
                ax.text(
                    j,
                    i,
                    str(v),
                    ha="center",
                    va="center",
                    fontsize=6,
                    color="white" if v > top * 0.6 else "black",
                )
    fig.colorbar(image, ax=ax, shrink=0.5, label="responsibilities")
    ax.set_title("部门 × 文件 责任数" if cjk else "Responsibilities: department × document")
    fig.tight_layout()


def _network(fig: Figure, data: GraphData, cjk: bool, documents: set[str] | None) -> None:
    g = co_responsibility(data, documents)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(
        "部门协同责任网络（边权 = 共同条款数）"
        if cjk
        else "Co-responsibility network (edge weight = shared clauses)"
    )
    if g.number_of_nodes() == 0:
        return
    pos = _layout(g)
    community = {n: i for i, members in enumerate(communities_of(g)) for n in members}
    cmap = matplotlib.colormaps["tab10"]
    widths = [0.3 + 0.4 * w for *_, w in g.edges(data="weight")]
    nx.draw_networkx_edges(g, pos, ax=ax, width=widths, alpha=0.25, edge_color="grey")
    nx.draw_networkx_nodes(
        g,
        pos,
        ax=ax,
        node_size=[30 + 4 * g.nodes[n]["weighted_degree"] for n in g],
        node_color=[cmap(community[n] % 10) for n in g],
        alpha=0.85,
    )
    top = hubs(g, 15)
    nx.draw_networkx_labels(
        g,
        pos,
        ax=ax,
        labels={n: data.department_name(n, cjk) for n in top},
        font_size=8,
        font_family=matplotlib.rcParams["font.sans-serif"][0],
    )
    fig.tight_layout()


def _layout(g: nx.Graph) -> dict:
    """Connected departments by a seeded spring layout (unweighted, so hubs do not collapse onto
    each other); departments sharing no clause in a row along the bottom."""
    linked = g.subgraph(n for n in g if g.degree(n) > 0)
    pos = nx.spring_layout(linked, seed=7, iterations=200) if linked.number_of_nodes() else {}
    alone = sorted(n for n in g if g.degree(n) == 0)
    for i, n in enumerate(alone):
        pos[n] = (-1.0 + 2.0 * (i + 1) / (len(alone) + 1), -1.15)
    return pos


def _regions(fig: Figure, data: GraphData, cjk: bool, documents: set[str] | None) -> None:
    if documents:
        data = _only(data, documents)
    rows = region_rows(region_reach(data))[:30][::-1]
    ax = fig.add_subplot()
    labels = [
        r["name"] if cjk else (r["name_en"].title() or r["iri"].rsplit("/", 1)[-1]) for r in rows
    ]
    left = [0] * len(rows)
    parts = (
        ("direct", "直接提及", "#c0504d"),
        ("via_corridor", "经走廊/通道", "#f79646"),
        ("via_plan", "经规划", "#4f81bd"),
    )
    for key, zh, colour in parts:
        values = [r[key] for r in rows]
        ax.barh(labels, values, left=left, color=colour, label=zh if cjk else key.replace("_", " "))
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("条款数" if cjk else "clauses")
    ax.set_title("各地区涉及条款数" if cjk else "Clauses reaching each region")
    ax.tick_params(axis="y", labelsize=8)
    ax.legend(loc="lower right")
    fig.tight_layout()


def _only(data: GraphData, documents: set[str]) -> GraphData:
    """The same data restricted to some documents (their clauses and responsibilities)."""
    from dataclasses import replace

    clauses = {k: c for k, c in data.clauses.items() if c.document in documents}
    return replace(
        data,
        documents={k: d for k, d in data.documents.items() if k in documents},
        clauses=clauses,
        responsibilities=[r for r in data.responsibilities if r.clause in clauses],
    )


def role_totals(data: GraphData) -> dict[str, int]:
    """Responsibilities per role (for captions and the report)."""
    out = dict.fromkeys(ROLES, 0)
    for r in data.responsibilities:
        out[r.role] = out.get(r.role, 0) + 1
    return out
