"""Read-side functions the REST API and the web pages call: one module per topic, SPARQL through the store."""

from .base import NotFound, Service, page

__all__ = ["NotFound", "Service", "page"]
