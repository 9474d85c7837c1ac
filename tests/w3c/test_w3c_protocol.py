"""The W3C SPARQL 1.1 Protocol manifest passes, except updates, which a read-only endpoint refuses with 403."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import run_protocol_tests as w3c

pytestmark = pytest.mark.skipif(
    not shutil.which("node")
    or not (Path(w3c.HERE) / "node_modules" / "rdf-test-suite").is_dir()
    or not w3c.MANIFEST_DIR.is_dir(),
    reason="needs node, tests/w3c/node_modules (run tests/w3c/run_protocol_tests.sh once) and the manifests",
)

UPDATES = {
    "update_dataset_default_graph",
    "update_dataset_default_graphs",
    "update_dataset_named_graphs",
    "update_dataset_full",
    "update_post_form",
    "update_post_direct",
    "update_base_uri",
}


def test_protocol_manifest(tmp_path):
    summary = w3c.run(tmp_path / "summary.md", install=False)
    assert summary["failed"] == []
    assert set(summary["refused"]) == UPDATES
    assert len(summary["passed"]) == 27
