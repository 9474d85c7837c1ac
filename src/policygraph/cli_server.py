"""CLI commands for serving and querying: serve, query."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from .errors import InputError, display_path
from .paths import BUILD_DIR, ONTOLOGY_FILE

FORMATS = {
    "json": "application/sparql-results+json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "xml": "application/sparql-results+xml",
    "table": "application/sparql-results+json",
}


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(term: dict | None) -> str:
    if term is None:
        return ""
    value = term["value"]
    for prefix, short in (
        ("https://w3id.org/policygraph/id/", "pgr:"),
        ("https://w3id.org/policygraph/ontology#", "pg:"),
    ):
        if term["type"] == "uri" and value.startswith(prefix):
            return short + value[len(prefix) :]
    return value


def format_table(body: bytes, max_width: int = 60) -> str:
    """SPARQL JSON results as an aligned text table (long cells cut with …), with a row count."""
    answer = json.loads(body)
    if "boolean" in answer:
        return str(answer["boolean"]).lower()
    names = answer["head"]["vars"]
    rows = [[_cell(row.get(n)) for n in names] for row in answer["results"]["bindings"]]

    def cut(text: str) -> str:
        text = text.replace("\n", " ")
        while _width(text) > max_width:
            text = text[:-2] + "…"
        return text

    rows = [[cut(c) for c in row] for row in rows]
    widths = [max([_width(n), *(_width(r[i]) for r in rows)]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    out = [line(names), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    return "\n".join(out) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"


def cmd_query(args: argparse.Namespace) -> int:
    from .query import get_query, load_queries, run_query
    from .store import OxigraphStore

    if args.list or not args.name:
        for name, q in load_queries().items():
            params = ", ".join(f"{p.name} ({p.type})" for p in q.params)
            print(f"{name:32} {q.title}" + (f"  [{params}]" if params else ""))
        return 0
    query = get_query(args.name)
    store_path = Path(args.store)
    if not store_path.is_dir():
        raise InputError(display_path(store_path), "no store here", "run `policygraph build` first")
    store = OxigraphStore.open(store_path)
    result = run_query(store, query, dict(args.param or []), accept=FORMATS[args.format])
    if args.format == "table":
        print(format_table(result.body))
    else:
        sys.stdout.write(result.text if result.text.endswith("\n") else result.text + "\n")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .api import ServerSettings, create_app

    if args.store == "memory":
        graph = Path(args.graph)
        if not graph.is_file():
            raise InputError(
                display_path(graph), "graph file not found", "run `policygraph build` first"
            )
        settings = ServerSettings(
            store_path=None, graph_file=(graph, ONTOLOGY_FILE), **_common(args)
        )
    else:
        store = Path(args.store)
        if not store.is_dir():
            raise InputError(
                display_path(store),
                "no store here",
                "run `policygraph build` first (or serve --store memory)",
            )
        settings = ServerSettings(
            store_path=store, graph_file=store.parent / "graph.nt", **_common(args)
        )
    print(
        f"policygraph: serving {args.store} on http://{args.host}:{args.port}/ (Ctrl-C stops)",
        file=sys.stderr,
    )
    # uvicorn.run binds its own socket with TCP_NODELAY; the app's lifespan closes the worker pool.
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level)
    return 0


def _common(args: argparse.Namespace) -> dict:
    base = args.base_iri if args.base_iri.endswith(("/", "#")) else args.base_iri + "/"
    return {"timeout": args.timeout, "workers": args.workers, "base_iri": base}


def register(sub) -> None:
    """Add the server-side subcommands to the `policygraph` parser."""
    from .namespaces import RESOURCE_BASE

    p = sub.add_parser(
        "serve", help="serve the REST API, SPARQL endpoint and linked data over HTTP"
    )
    p.add_argument(
        "--store",
        default=str(BUILD_DIR / "store"),
        help="store folder (default: build/store), or 'memory' to load build/graph.nt",
    )
    p.add_argument(
        "--graph", default=str(BUILD_DIR / "graph.nt"), help="graph file for --store memory"
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per query (default 10)")
    p.add_argument(
        "--base-iri",
        default=RESOURCE_BASE,
        help=f"public prefix of resource IRIs (default {RESOURCE_BASE})",
    )
    p.add_argument("--workers", type=int, default=2, help="query worker processes (default 2)")
    p.add_argument(
        "--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug")
    )
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser(
        "query", help="run a saved query (queries/NAME.rq) or a .rq file on build/store"
    )
    p.add_argument(
        "name",
        nargs="?",
        metavar="NAME|FILE.rq",
        help="saved query name or .rq file (none: list them)",
    )
    p.add_argument(
        "--param", "-p", action="append", type=_param, metavar="NAME=VALUE", help="bind a parameter"
    )
    p.add_argument("--format", "-f", choices=tuple(FORMATS), default="table")
    p.add_argument("--store", default=str(BUILD_DIR / "store"))
    p.add_argument("--list", action="store_true", help="list the saved queries")
    p.set_defaults(handler=cmd_query)
