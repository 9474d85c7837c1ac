"""Model → RDF: one add_<thing>() per class; the only place that knows the graph's shape."""

from .documents import add_source
from .reference import add_reference

__all__ = ["add_reference", "add_source"]
