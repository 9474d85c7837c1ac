"""Run the W3C SPARQL 1.1 Protocol tests (rdf-test-suite, offline) against a real server on 127.0.0.1."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Namespace
from rdflib.namespace import RDFS

from policygraph.api import ServerSettings, create_app
from policygraph.api.local import LocalServer

HERE = Path(__file__).resolve().parent
# shared/ lies beside the checkout (CI clones next to a copy of it); override with POLICYGRAPH_W3C
MANIFEST_DIR = Path(
    os.environ.get("POLICYGRAPH_W3C")
    or Path(__file__).resolve().parents[2].parent / "shared" / "w3c" / "sparql11-protocol"
)
MANIFEST_URL = "http://w3c.github.io/rdf-tests/sparql/sparql11/protocol/"
RDF_TEST_SUITE = "rdf-test-suite@2.8.0"
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LOAD_PREFIX = "DROP SILENT ALL ;\nINSERT DATA {"


def write_fixture(manifest_dir: Path, out: Path) -> set[ox.Quad]:
    """The manifest's ut:graphData as named graphs (graph name = its rdfs:label), in N-Quads."""
    manifest = Graph().parse(manifest_dir / "manifest.ttl", format="turtle")
    quads: set[ox.Quad] = set()
    for data in manifest.objects(None, UT.graphData):
        source = Path(str(manifest.value(data, UT.graph)).removeprefix("file://"))
        graph = ox.NamedNode(str(manifest.value(data, RDFS.label)))
        for t in ox.parse(path=str(manifest_dir / source.name), format=ox.RdfFormat.N_TRIPLES):
            quads.add(ox.Quad(t.subject, t.predicate, t.object, graph))
    ox.serialize(sorted(quads, key=str), str(out), format=ox.RdfFormat.N_QUADS)
    return quads


class PreloadedFixture:
    """Test-only ASGI wrapper: the harness loads ut:graphData with an update; answer 204 when it is
    exactly data the server already holds, pass every other request (updates included) through."""

    def __init__(self, app, quads: set[ox.Quad]):
        self.app, self.quads, self.acknowledged = app, quads, 0

    async def __call__(self, scope, receive, send):
        headers = dict(scope.get("headers") or [])
        if scope["type"] != "http" or headers.get(b"content-type") != b"application/sparql-update":
            return await self.app(scope, receive, send)
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        if self._is_fixture_load(body.decode("utf-8", "replace")):
            self.acknowledged += 1
            await send(
                {
                    "type": "http.response.start",
                    "status": 204,
                    "headers": [(b"x-test-harness", b"fixture-preloaded")],
                }
            )
            return await send({"type": "http.response.body", "body": b""})
        replay = [{"type": "http.request", "body": body, "more_body": False}]
        return await self.app(scope, lambda: _pop(replay), send)

    def _is_fixture_load(self, text: str) -> bool:
        if not text.startswith(LOAD_PREFIX) or not text.rstrip().endswith("}"):
            return False
        try:
            loaded = set(ox.parse(text[len(LOAD_PREFIX) :].rstrip()[:-1], format=ox.RdfFormat.TRIG))
        except SyntaxError:
            return False
        return bool(loaded) and loaded <= self.quads


async def _pop(messages: list):
    return messages.pop(0) if messages else {"type": "http.disconnect"}


def ensure_rdf_test_suite(install: bool) -> Path:
    """node_modules/rdf-test-suite next to this script, installed with npm when missing."""
    runner = HERE / "node_modules" / "rdf-test-suite" / "bin" / "Runner.js"
    if not runner.exists():
        if not install or not shutil.which("npm"):
            raise SystemExit("rdf-test-suite is not installed: run tests/w3c/run_protocol_tests.sh")
        subprocess.run(
            [
                "npm",
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(HERE),
                RDF_TEST_SUITE,
            ],
            check=True,
        )
    return runner


def parse_output(text: str) -> dict[str, dict]:
    """Per test id: outcome and, for failures, the status the server answered and the error code."""
    text = ANSI.sub("", text)
    results: dict[str, dict] = {}
    for mark, name, uri in re.findall(
        r"^(✔|✖) (.+) \((http[^)\s]+#\w+)\)", text, flags=re.MULTILINE
    ):
        results[uri.rsplit("#", 1)[1]] = {"name": name, "passed": mark == "✔"}
    for match in re.finditer(
        r"Got: (\d{3})\s*\n\n(.*?)\n\s*More info: \S+#(\w+)", text, flags=re.DOTALL
    ):
        status, body, test_id = match.groups()
        code = re.search(r'"code":"(\w+)"', body)
        if test_id in results:
            results[test_id].update(status=int(status), code=code.group(1) if code else None)
    return results


def classify(results: dict[str, dict]) -> dict[str, list[str]]:
    """passed / refused (updates on a read-only endpoint, answered 403) / failed."""
    summary: dict[str, list[str]] = {"passed": [], "refused": [], "failed": []}
    for test_id, r in results.items():
        if r["passed"]:
            summary["passed"].append(test_id)
        elif (
            test_id.startswith("update_")
            and r.get("status") == 403
            and r.get("code") == "update_forbidden"
        ):
            summary["refused"].append(test_id)
        else:
            summary["failed"].append(test_id)
    return summary


def write_summary(
    summary: dict[str, list[str]], results: dict[str, dict], acknowledged: int, out: Path
) -> None:
    lines = [
        "# W3C SPARQL 1.1 Protocol tests",
        "",
        f"rdf-test-suite, manifest {MANIFEST_DIR}/manifest.ttl (offline), read-only endpoint.",
        "",
        f"- passed: {len(summary['passed'])}",
        f"- refused as not applicable (SPARQL Update on a read-only endpoint, 403 update_forbidden): "
        f"{len(summary['refused'])}",
        f"- failed: {len(summary['failed'])}",
        f"- fixture loads acknowledged (data preloaded as named graphs): {acknowledged}",
        "",
    ]
    for group in ("passed", "refused", "failed"):
        lines.append(f"## {group}")
        lines += [
            f"- `{t}` — {results[t]['name']}"
            + (f" (HTTP {results[t]['status']})" if "status" in results[t] else "")
            for t in summary[group]
        ] or ["- none"]
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")


def run(out: Path, install: bool = True) -> dict[str, list[str]]:
    """Start the server, run the manifest, write the summary; returns the classification."""
    runner = ensure_rdf_test_suite(install)
    work = out.parent
    work.mkdir(parents=True, exist_ok=True)
    fixture = work / "protocol-fixture.nq"
    quads = write_fixture(MANIFEST_DIR, fixture)
    app = PreloadedFixture(
        create_app(ServerSettings(store_path="memory", graph_file=fixture, workers=1)), quads
    )
    with LocalServer(app) as server:
        done = subprocess.run(
            [
                "node",
                str(runner),
                "engine.js",
                MANIFEST_URL + "manifest.ttl",
                "-m",
                f"{MANIFEST_URL}~{MANIFEST_DIR}/",
                "-i",
                json.dumps({"protocolEndpoint": server.endpoint}),
                "-c",
                os.path.relpath(work / ".rdf-test-suite-cache", HERE) + "/",
                "-d",
                "10000",
            ],
            cwd=HERE,
            capture_output=True,
            text=True,
            timeout=300,
        )
    results = parse_output(done.stdout + done.stderr)
    if not results:
        raise SystemExit(f"rdf-test-suite produced no results:\n{done.stdout}\n{done.stderr}")
    summary = classify(results)
    write_summary(summary, results, app.acknowledged, out)
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE / "protocol-summary.md")
    parser.add_argument(
        "--no-install", action="store_true", help="fail instead of running npm install"
    )
    args = parser.parse_args()
    summary = run(args.out.resolve(), install=not args.no_install)
    print(args.out.read_text(encoding="utf-8"))
    return 1 if summary["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
