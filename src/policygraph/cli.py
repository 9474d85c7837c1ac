"""The `policygraph` command: thin subcommands over the pipeline, with exit codes that mean
something (0 ok, 1 graph does not conform, 2 bad input or usage) and no tracebacks."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .errors import PolicyGraphError
from .paths import BUILD_DIR

Handler = Callable[[argparse.Namespace], int]


def _err(message: str) -> None:
    print(f"policygraph: {message}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build

    say = (lambda _m: None) if args.quiet else (lambda m: print(m, file=sys.stderr))
    result = build(
        args.sources or None, Path(args.out), progress=say, validate=not args.no_validate
    )
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if not result.conforms and result.validation:
        for f in result.validation.violations[:20]:
            print(f"violation: {f}", file=sys.stderr)
        _err(
            f"the graph does not conform ({len(result.validation.violations)} violations); "
            f"see {Path(args.out) / 'report.json'}"
        )
        return 1
    counts = sum(len(d.clauses) for sf in result.sources for d in sf.documents)
    print(
        f"built {len(result.graph)} triples ({counts} clauses) into {args.out}/ in "
        f"{result.timings.get('total', 0):.2f} s"
    )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .export.clauses import load_graph
    from .validate import validate_graph

    report = validate_graph(load_graph(Path(args.graph)))
    if args.format == "json":
        print(report.to_json())
    else:
        for f in report.findings:
            print(f)
        print(
            f"{'conforms' if report.conforms else 'does not conform'}: "
            f"{len(report.violations)} violations, {len(report.warnings)} warnings"
        )
    return 0 if report.conforms else 1


def cmd_export_clauses(args: argparse.Namespace) -> int:
    from .export.clauses import iter_clause_records, load_graph, write_csv, write_jsonl

    records = iter_clause_records(load_graph(Path(args.graph)))
    writer = write_csv if args.format == "csv" else write_jsonl
    if args.output in (None, "-"):
        n = writer(records, sys.stdout)
    else:
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
        with open(args.output, "w", encoding=encoding, newline="") as out:
            n = writer(records, out)
        print(f"wrote {n} clauses to {args.output}", file=sys.stderr)
    return 0


def cmd_reference_lint(args: argparse.Namespace) -> int:
    from .reference import lint_reference

    directory = Path(args.directory) if args.directory else None
    problems = lint_reference(directory) if directory else lint_reference()
    for p in problems:
        print(p)
    print(
        f"{len(problems)} problem(s)" if problems else "reference data: no problems",
        file=sys.stderr,
    )
    return 2 if problems else 0


def make_parser() -> argparse.ArgumentParser:
    from . import cli_analysis, cli_server  # late: they load the ontology, which may be missing

    parser = argparse.ArgumentParser(
        prog="policygraph",
        description="Chinese regional-development policy documents as a validated RDF graph.",
    )
    parser.add_argument("--version", action="version", version=f"policygraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("build", help="parse sources, build, validate and write the graph")
    p.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="text files or folders (default: data/sources/*.txt)",
    )
    p.add_argument("--out", default=str(BUILD_DIR), help="output folder (default: build/)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.set_defaults(handler=cmd_build)

    p = sub.add_parser("validate", help="SHACL-validate a graph file and print a readable report")
    p.add_argument("graph", nargs="?", default=str(BUILD_DIR / "graph.nt"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("export", help="export tables from the graph")
    export = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    e = export.add_parser("clauses", help="one record per clause (JSON lines or CSV)")
    e.add_argument("--graph", default=str(BUILD_DIR / "graph.nt"))
    e.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    e.add_argument("-o", "--output", help="file to write (default: standard output)")
    e.set_defaults(handler=cmd_export_clauses)

    p = sub.add_parser("reference", help="reference data tools")
    ref = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    r = ref.add_parser("lint", help="check data/reference/*.csv")
    r.add_argument("directory", nargs="?")
    r.set_defaults(handler=cmd_reference_lint)
    cli_server.register(sub)
    cli_analysis.register(sub, export)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = make_parser().parse_args(argv)
        handler: Handler = args.handler
        return handler(args)
    except PolicyGraphError as exc:
        _err(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: a message, never a traceback
        if os.environ.get("POLICYGRAPH_DEBUG"):
            raise
        _err(
            f"internal error: {type(exc).__name__}: {exc} "
            "(set POLICYGRAPH_DEBUG=1 for a traceback and please report it)"
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
