"""Parse layer: PDF text dump → documents → sections → clauses → paragraphs → annotations."""

from .source import parse_source, parse_text

__all__ = ["parse_source", "parse_text"]
