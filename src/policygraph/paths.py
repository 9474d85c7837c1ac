"""Where the project's directories live: one place, overridable with POLICYGRAPH_HOME."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The checkout (or POLICYGRAPH_HOME) holding ontology/, data/, queries/ and build/."""
    override = os.environ.get("POLICYGRAPH_HOME")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[2]


ROOT = project_root()
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "policygraph.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
DATA_DIR = ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
REFERENCE_DIR = DATA_DIR / "reference"
QUERIES_DIR = ROOT / "queries"
BUILD_DIR = ROOT / "build"
