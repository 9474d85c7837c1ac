"""CLI commands for serving and querying: serve, query."""

from __future__ import annotations


def register(sub) -> None:
    """Add the server-side subcommands to the `policygraph` parser."""
