"""CLI commands for analysis: export matrix, analyse, plot, report — thin wrappers over
policygraph.analysis that read the store and write one file (or standard output)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import InputError
from .paths import BUILD_DIR


def _data(args: argparse.Namespace):
    from .analysis.data import load_data, open_store

    return load_data(open_store(Path(args.store) if args.store else None))


def _write(body: bytes, output: str | None, what: str, *, binary: bool = False) -> None:
    """To a file (saying so on stderr) or, for text formats, standard output."""
    if output in (None, "-"):
        if binary and sys.stdout.isatty():
            raise InputError("-o", f"{what} is binary", "pass -o FILE")
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    print(f"wrote {what} to {output} ({len(body):,} bytes)", file=sys.stderr)


def _format_from(
    output: str | None, given: str | None, allowed: tuple[str, ...], default: str
) -> str:
    if given:
        return given
    suffix = Path(output).suffix.lstrip(".").lower() if output and output != "-" else ""
    return suffix if suffix in allowed else default


def cmd_export_matrix(args: argparse.Namespace) -> int:
    from .analysis.matrix import MatrixQuery
    from .export.matrix import export_matrix

    fmt = _format_from(args.output, args.format, ("csv", "xlsx", "json"), "csv")
    query = MatrixQuery(
        cols=args.cols,
        roles=tuple(args.role or ()),
        documents=tuple(args.document or ()),
        regions=tuple(args.region or ()),
        industries=tuple(args.industry or ()),
        sort=args.sort,
        rollup=args.rollup,
    ).check()
    body = export_matrix(_data(args), query, fmt)
    _write(body, args.output, f"department×{args.cols} matrix ({fmt})", binary=fmt == "xlsx")
    return 0


def cmd_analyse(args: argparse.Namespace) -> int:
    from .analysis import network as nw
    from .analysis.matrix import resolve_documents

    data = _data(args)
    if args.what == "network":
        docs = resolve_documents(data, args.document)
        g = nw.co_responsibility(data, docs)
        text = nw.network_report(g, nw.lead_support(data, docs)) if args.format == "text" else None
        if args.directed:
            g = nw.lead_support(data, docs)
    else:
        g = nw.region_reach(data)
        text = nw.regions_report(g) if args.format == "text" else None
    _write(nw.serialise(g, args.format, text), args.output, f"{args.what} ({args.format})")
    return 0


def cmd_plot(args: argparse.Namespace) -> int:
    from .analysis.figures import render
    from .analysis.matrix import resolve_documents

    fmt = _format_from(args.output, args.format, ("png", "svg"), "png")
    data = _data(args)
    image = render(args.name, data, fmt, resolve_documents(data, args.document))
    for w in image.warnings:
        print(f"warning: {w}", file=sys.stderr)
    _write(image.body, args.output or f"{args.name}.{fmt}", f"{args.name} figure ({fmt})")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .analysis.report import build_report, load_build_report

    store = Path(args.store) if args.store else BUILD_DIR / "store"
    page, warnings = build_report(_data(args), load_build_report(store.parent / "report.json"))
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    _write(page.encode("utf-8"), args.output or str(store.parent / "report.html"), "summary report")
    return 0


def _store_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", help=f"Oxigraph store folder (default: {BUILD_DIR / 'store'})")


def register(sub, export) -> None:
    """Add the analysis subcommands (and `export matrix`) to the `policygraph` parser."""
    from .analysis.data import ROLES
    from .analysis.figures import NAMES
    from .analysis.matrix import SORTS, VIEWS
    from .analysis.network import FORMATS

    e = export.add_parser(
        "matrix", help="responsibility matrix: department × clause|document|region|industry"
    )
    e.add_argument("--rows", choices=("department",), default="department")
    e.add_argument(
        "--cols",
        choices=(*VIEWS, "all"),
        default="document",
        help="column kind; 'all' writes every view (xlsx, json)",
    )
    e.add_argument(
        "--role", action="append", choices=ROLES, help="keep only this role (repeatable)"
    )
    e.add_argument(
        "--document", action="append", help="document IRI, position (1-10) or exact title"
    )
    e.add_argument("--region", action="append", help="region IRI, code, name or pinyin")
    e.add_argument("--industry", action="append", help="industry IRI, id or name")
    e.add_argument(
        "--rollup", action="store_true", help="count broader industries too (industry view)"
    )
    e.add_argument("--sort", choices=SORTS, default="total")
    e.add_argument("--format", choices=("csv", "xlsx", "json"), help="default: from -o, else csv")
    e.add_argument("-o", "--output", help="file to write (default: standard output)")
    _store_option(e)
    e.set_defaults(handler=cmd_export_matrix)

    p = sub.add_parser("analyse", aliases=["analyze"], help="network analyses of the graph")
    p.add_argument("what", choices=("network", "regions"))
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--document", action="append", help="network: only these documents")
    p.add_argument(
        "--directed", action="store_true", help="network: export the lead → support graph"
    )
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    _store_option(p)
    p.set_defaults(handler=cmd_analyse)

    p = sub.add_parser("plot", help="draw a figure (PNG or SVG)")
    p.add_argument("name", choices=NAMES)
    p.add_argument("--format", choices=("png", "svg"), help="default: from -o, else png")
    p.add_argument("--document", action="append", help="only these documents")
    p.add_argument("-o", "--output", help="file to write (default: NAME.FORMAT)")
    _store_option(p)
    p.set_defaults(handler=cmd_plot)

    p = sub.add_parser("report", help="one self-contained HTML summary of the build")
    p.add_argument("-o", "--output", help="file to write (default: build/report.html)")
    _store_option(p)
    p.set_defaults(handler=cmd_report)
