"""CLI commands for analysis: export matrix, analyse, plot, report."""

from __future__ import annotations


def register(sub, export) -> None:
    """Add the analysis subcommands (and `export matrix`) to the `policygraph` parser."""
