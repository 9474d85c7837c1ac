"""HTTP API: `create_app(settings)` with the SPARQL endpoint; other routers are added by include_router."""

from .app import ServerSettings, create_app

__all__ = ["ServerSettings", "create_app"]
