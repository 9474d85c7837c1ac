"""Latency of small SELECTs over HTTP (uvicorn + worker pool) against rdflib's engine in process."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from rdflib import Graph

from policygraph.api import ServerSettings, create_app
from policygraph.api.local import LocalServer
from policygraph.paths import BUILD_DIR

QUERIES = [
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 10",
    "SELECT DISTINCT ?type WHERE { ?s a ?type } LIMIT 20",
    "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 20",
]


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def synthetic_graph(path: Path, regions: int) -> Path:
    """A stand-in graph when no build exists: regions with labels, types and links."""
    rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    ex = "https://w3id.org/policygraph/id/"
    with path.open("w", encoding="utf-8") as out:
        for i in range(regions):
            s = f"<{ex}region/{i}>"
            out.write(f'{s} <{rdfs}label> "地区{i}"@zh .\n{s} <{rdf_type}> <{ex}Region> .\n')
            out.write(f"{s} <{ex}adjacentTo> <{ex}region/{(i + 1) % regions}> .\n")
    return path


def time_http(url: str, n: int) -> list[float]:
    samples = []
    with httpx.Client(timeout=30) as client:
        for q in QUERIES:  # warm-up
            client.get(url, params={"query": q}).raise_for_status()
        for i in range(n):
            started = time.perf_counter()
            response = client.get(
                url,
                params={"query": QUERIES[i % len(QUERIES)]},
                headers={"Accept": "application/sparql-results+json"},
            )
            response.raise_for_status()
            samples.append(time.perf_counter() - started)
    return samples


def time_rdflib(graph_file: Path, n: int) -> list[float]:
    graph = Graph().parse(graph_file, format="nt")
    for q in QUERIES:
        list(graph.query(q))
    samples = []
    for i in range(n):
        started = time.perf_counter()
        graph.query(QUERIES[i % len(QUERIES)]).serialize(format="json")
        samples.append(time.perf_counter() - started)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--graph", type=Path, default=BUILD_DIR / "graph.nt", help="N-Triples file")
    parser.add_argument("-n", type=int, default=200, help="queries per engine")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--synthetic",
        type=int,
        metavar="REGIONS",
        help="benchmark a generated graph of this many regions instead",
    )
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    graph = (
        synthetic_graph(Path(tmp.name) / "graph.nt", args.synthetic)
        if args.synthetic
        else args.graph
    )
    if not graph.is_file():
        print(
            f"{graph}: no graph file — build it first, or pass --graph FILE or --synthetic 5000",
            file=sys.stderr,
        )
        return 2
    settings = ServerSettings(store_path="memory", graph_file=graph, workers=args.workers)
    with LocalServer(create_app(settings)) as server:
        http = time_http(server.endpoint, args.n)
    local = time_rdflib(graph, args.n)
    ms = lambda s: f"{s * 1000:8.2f} ms"  # noqa: E731
    print(
        f"graph {graph} ({sum(1 for _ in graph.open(encoding='utf-8')):,} lines), n={args.n}, "
        f"{len(QUERIES)} queries in rotation"
    )
    print(f"{'':24}{'p50':>11}{'p95':>11}")
    print(f"{'HTTP /sparql (oxigraph)':24}{ms(percentile(http, 50))}{ms(percentile(http, 95))}")
    print(f"{'rdflib in process':24}{ms(percentile(local, 50))}{ms(percentile(local, 95))}")
    print(
        f"ratio HTTP/rdflib: p50 {percentile(http, 50) / percentile(local, 50):.2f}, "
        f"p95 {percentile(http, 95) / percentile(local, 95):.2f}; "
        f"mean HTTP {statistics.mean(http) * 1000:.2f} ms"
    )
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
