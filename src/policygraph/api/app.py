"""The FastAPI application: settings in, app out; other routers join through app.include_router."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..namespaces import PREFIXES, RESOURCE_BASE
from ..paths import BUILD_DIR
from ..service import Service
from ..sparql.errors import QueryError
from ..sparql.limits import Limits
from ..store import Store, open_store
from . import (
    pages,
    routes_analysis,
    routes_clauses,
    routes_departments,
    routes_documents,
    routes_industries,
    routes_queries,
    routes_regions,
    routes_resources,
    routes_search,
    routes_status,
)
from .errors import install_error_handlers
from .routes_sparql import router as sparql_router

ROUTERS = (
    routes_status,
    routes_documents,
    routes_clauses,
    routes_regions,
    routes_departments,
    routes_industries,
    routes_search,
    routes_queries,
    routes_resources,
    routes_analysis,
    pages,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerSettings:
    """How the server finds its data and which limits it enforces; store_path None means in memory."""

    store_path: Path | None = BUILD_DIR / "store"
    graph_file: Path | tuple[Path, ...] | None = BUILD_DIR / "graph.nt"
    base_iri: str = RESOURCE_BASE
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2
    allow_service: bool = False
    max_query_bytes: int = 100_000
    prefixes: dict[str, str] = field(default_factory=lambda: dict(PREFIXES))

    def __post_init__(self) -> None:
        store = self.store_path
        if isinstance(store, str):
            store = None if store == "memory" else Path(store)
        object.__setattr__(self, "store_path", store)
        if isinstance(self.graph_file, str):
            object.__setattr__(self, "graph_file", Path(self.graph_file))

    @property
    def limits(self) -> Limits:
        return Limits(
            timeout=self.timeout,
            max_rows=self.max_rows,
            max_query_bytes=self.max_query_bytes,
            allow_service=self.allow_service,
        )


def create_app(settings: ServerSettings | None = None, *, store: Store | None = None) -> FastAPI:
    """Build the app; the store (a worker pool unless one is given) opens at startup and closes at shutdown."""
    settings = settings or ServerSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = store is None
        app.state.store = store or await run_in_threadpool(
            open_store,
            settings.store_path,
            settings.graph_file,
            workers=settings.workers,
            limits=settings.limits,
            base_iri=settings.base_iri,
            prefixes=settings.prefixes,
        )
        app.state.triple_count = await run_in_threadpool(app.state.store.count_triples)
        app.state.service = Service(app.state.store, timeout=settings.timeout)
        try:  # region tree, lookups, clause summaries; a store failing now is retried on first use
            await run_in_threadpool(app.state.service.warm)
        except QueryError as exc:
            log.warning("could not load the lookup caches at startup: %s", exc)
        try:
            yield
        finally:
            if own:
                await run_in_threadpool(app.state.store.close)

    app = FastAPI(title="policygraph", version=__version__, lifespan=lifespan)
    app.state.settings = settings
    app.state.limits = settings.limits
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=[
            "Accept",
            "Accept-Language",
            "Content-Type",
            "Content-Language",
            "Authorization",
            "Cache-Control",
            "X-Requested-With",
        ],
        expose_headers=["Content-Type", "Content-Length", "Vary"],
        max_age=3600,
    )
    install_error_handlers(app)
    app.include_router(sparql_router)
    for module in ROUTERS:
        app.include_router(module.router)
    return app
