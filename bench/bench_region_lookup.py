"""p50/p95 of GET /regions/长春/clauses over real HTTP, against the 5 ms target.

Starts `policygraph serve` (the normal uvicorn.run(host, port) path, which sets TCP_NODELAY on
accepted sockets — a pre-bound socket without it cost ~44 ms per response through Nagle/delayed
ACK) on a free 127.0.0.1 port, waits for /health, warms up, then times N requests on one
keep-alive connection and, for comparison, N with a fresh connection each."""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from policygraph.paths import BUILD_DIR

TARGET_MS = 5.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited: {proc.stderr.read()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            return json.loads(conn.getresponse().read())
        except OSError:
            time.sleep(0.2)
    sys.exit("server did not start in time")


def timed(port: int, path: str, n: int, keep_alive: bool) -> list[float]:
    samples = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(n):
        if not keep_alive:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        start = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        samples.append((time.perf_counter() - start) * 1000)
        if response.status != 200:
            sys.exit(f"{path}: HTTP {response.status}: {body[:300]!r}")
        if not keep_alive:
            conn.close()
    return samples


def report(label: str, samples: list[float]) -> float:
    p50, p95 = statistics.median(samples), percentile(samples, 95)
    print(
        f"{label:28} n={len(samples)}  p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  "
        f"p50/target {p50 / TARGET_MS:4.2f}"
    )
    return p50


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--build", default=str(BUILD_DIR), help="build folder with store/ (default build/)"
    )
    parser.add_argument("--region", default="长春")
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    store = Path(args.build) / "store"
    if not store.is_dir():
        sys.exit(f"{store}: no store — run `policygraph build` first")
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "policygraph.cli",
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        health = wait_ready(port, proc)
        path = f"/regions/{quote(args.region)}/clauses"
        total = json.loads(timed_body(port, path))["total"]
        print(f"server: {health['triples']} triples; {path} → {total} clauses (first page of 50)")
        timed(port, path, 20, keep_alive=True)  # warm-up
        p50 = report("keep-alive connection", timed(port, path, args.n, keep_alive=True))
        report("new connection per request", timed(port, path, args.n, keep_alive=False))
        print(f"target p50 ≤ {TARGET_MS:g} ms: {'met' if p50 <= TARGET_MS else 'NOT met'}")
        return 0 if p50 <= TARGET_MS else 1
    finally:
        proc.send_signal(2)  # Ctrl-C: uvicorn shuts down and the lifespan stops the workers
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def timed_body(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    return conn.getresponse().read()


if __name__ == "__main__":
    sys.exit(main())
