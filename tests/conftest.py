"""Session fixtures: the seed graph built once into a temporary folder, its files and an open store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from policygraph.store import OxigraphStore


@dataclass(frozen=True)
class SeedBuild:
    """Where the session's build of data/sources/*.txt lives."""

    out_dir: Path

    @property
    def graph_file(self) -> Path:
        return self.out_dir / "graph.nt"

    @property
    def store_dir(self) -> Path:
        return self.out_dir / "store"

    @property
    def report_file(self) -> Path:
        return self.out_dir / "report.json"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> SeedBuild:
    """Build the seed graph once per session (about two seconds)."""
    from policygraph.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    result = build(out_dir=out)
    assert result.conforms, "the seed graph does not conform; run `policygraph build` to see why"
    return SeedBuild(out)


@pytest.fixture(scope="session")
def seed_graph_file(seed_build) -> Path:
    """The seed graph as sorted N-Triples."""
    return seed_build.graph_file


@pytest.fixture(scope="session")
def seed_store(seed_build) -> Iterator[OxigraphStore]:
    """The seed store (data + ontology), opened read-only in this process."""
    store = OxigraphStore.open(seed_build.store_dir)
    yield store
    store.close()


@pytest.fixture(scope="session")
def api_client(seed_build, seed_store):
    """A TestClient of the whole API on the seed store (in process, no worker pool)."""
    from fastapi.testclient import TestClient

    from policygraph.api import ServerSettings, create_app

    settings = ServerSettings(store_path=seed_build.store_dir, graph_file=seed_build.graph_file)
    with TestClient(create_app(settings, store=seed_store)) as client:
        yield client
