"""One real `policygraph serve` on a free 127.0.0.1 port: it answers /health, then stops on
SIGINT (Ctrl-C) or SIGTERM and leaves no worker process behind."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from policygraph import cli


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    """Direct children of a process, read from /proc (Linux)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_health(port: int, proc: subprocess.Popen, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited early: {proc.stderr.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                return json.loads(r.read())
        except OSError:
            time.sleep(0.2)
    raise AssertionError("server did not answer /health in time")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find worker processes")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "terminate"])
def test_serve_answers_health_and_stops_cleanly(seed_build, stop):
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "policygraph.cli",
            "serve",
            "--store",
            str(seed_build.store_dir),
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        health = wait_health(port, proc)
        assert (
            health["status"] == "ok" and health["store"] == "oxigraph" and health["triples"] > 27000
        )
        workers = children(proc.pid)
        assert len(workers) >= 2
        proc.send_signal(stop)
        assert proc.wait(timeout=30) in (0, 130, -stop)
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if alive(w)], "worker processes left behind"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_without_store_says_build(capsys, tmp_path):
    code = cli.main(["serve", "--store", str(tmp_path / "missing")])
    err = capsys.readouterr().err
    assert code == 2 and "no store here" in err and "policygraph build" in err


def test_serve_memory_without_graph(capsys, tmp_path):
    code = cli.main(["serve", "--store", "memory", "--graph", str(tmp_path / "graph.nt")])
    assert code == 2 and "graph file not found" in capsys.readouterr().err
