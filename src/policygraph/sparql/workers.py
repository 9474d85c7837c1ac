"""Queries run in worker processes, because only killing a process truly stops a runaway Oxigraph query."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import ERROR_CLASSES, NotAcceptable, QueryError, QueryTimeout, StoreUnavailable
from .limits import Limits, check_query
from .results import QueryResult


def _worker_main(conn, store_path, graph_file, limits, base_iri, prefixes) -> None:
    """Child process: open the store once, then answer requests until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from ..store import OxigraphStore

    try:
        store = OxigraphStore.open(
            store_path, graph_file=graph_file, limits=limits, base_iri=base_iri, prefixes=prefixes
        )
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            if request.pop("op") == "count":
                reply: tuple = ("count", store.count_triples())
            else:
                result = store.query(**request)
                reply = ("ok", result.kind, result.media_type, result.body, result.count)
        except NotAcceptable as exc:
            reply = ("not_acceptable", exc.offered, request.get("accept") or "")
        except QueryError as exc:
            reply = ("error", type(exc).__name__, exc.message, exc.hint)
        except Exception as exc:
            reply = ("error", "QueryError", f"{type(exc).__name__}: {exc}", None)
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    """One child process and the parent's end of its pipe."""

    def __init__(self, ctx, args: tuple):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, *args), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.conn.poll(timeout):
            raise StoreUnavailable(f"query worker did not start within {timeout:g} s")
        try:
            message = self.conn.recv()
        except EOFError:
            message = ("failed", f"worker exited with code {self.process.exitcode}")
        if message[0] != "ready":
            raise StoreUnavailable(
                f"query worker could not open the store: {message[1]}",
                "check the store path or graph file",
            )
        self.ready = True

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(BrokenPipeError, OSError):
            self.conn.send(None)
        self.process.join(1)
        self.kill()


class WorkerPool:
    """A few read-only store processes; a query past its limit kills its worker and a fresh one replaces it."""

    def __init__(
        self,
        store_path: Path | None,
        graph_file: Path | tuple[Path, ...] | None = None,
        *,
        size: int = 2,
        limits: Limits | None = None,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
        start_method: str = "spawn",
        startup_timeout: float = 300.0,
    ):
        if store_path is None and graph_file is None:
            raise ValueError("give a store directory or a graph file to load into memory")
        self.limits = limits or Limits()
        self.size = size
        self.startup_timeout = startup_timeout
        self._ctx = multiprocessing.get_context(start_method)
        files = (
            None
            if graph_file is None
            else (
                Path(graph_file)
                if isinstance(graph_file, (str, Path))
                else tuple(map(Path, graph_file))
            )
        )
        self._args = (
            store_path and Path(store_path),
            files,
            self.limits,
            base_iri,
            dict(prefixes or {}),
        )
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.last_killed_pid: int | None = None

    def start(self) -> WorkerPool:
        """Start every worker and wait until each has opened the store (fails fast on a bad store)."""
        workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                worker.wait_ready(self.startup_timeout)
        except QueryError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)
        return self

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self._args)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        if not self._closed:
            self._idle.put(self._spawn())  # readiness is awaited by whoever takes it next

    def pids(self) -> list[int]:
        """Process ids of the current workers (for tests and monitoring)."""
        with self._lock:
            return [w.pid for w in self._all]

    def _call(self, request: dict, timeout: float) -> tuple:
        if self._closed:
            raise StoreUnavailable("the store is closed")
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise StoreUnavailable(
                f"all {self.size} query workers stayed busy for {timeout:g} s", "try again shortly"
            ) from None
        try:
            worker.wait_ready(self.startup_timeout)
            worker.conn.send(request)
            remaining = max(0.0, timeout - (time.monotonic() - started))
            if not worker.conn.poll(remaining):
                self.last_killed_pid = worker.pid
                self._retire(worker)
                raise QueryTimeout(
                    f"query exceeded the {timeout:g} s time limit",
                    "add LIMIT, narrow the patterns, or avoid cross joins",
                )
            reply = worker.conn.recv()
        except QueryError:
            if worker in self._all and worker.process.is_alive():
                self._idle.put(worker)
            elif worker in self._all:
                self._retire(worker)
            raise
        except (EOFError, OSError) as exc:
            self._retire(worker)
            raise StoreUnavailable(
                f"query worker stopped unexpectedly ({type(exc).__name__})",
                "the query may need too much memory; narrow it",
            ) from None
        self._idle.put(worker)
        return reply

    def query(
        self,
        sparql: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout: float | None = None,
        bindings: Mapping[str, Any] | None = None,
        accept: str | None = None,
    ) -> QueryResult:
        """Run one query in a worker within the time limit (default limits.timeout)."""
        check_query(sparql, self.limits)
        limit = self.limits.timeout if timeout is None else timeout
        request = {
            "op": "query",
            "sparql": sparql,
            "default_graph_uris": list(default_graph_uris),
            "named_graph_uris": list(named_graph_uris),
            "bindings": dict(bindings or {}),
            "accept": accept,
        }
        reply = self._call(request, limit)
        if reply[0] == "ok":
            return QueryResult(*reply[1:])
        if reply[0] == "not_acceptable":
            raise NotAcceptable(reply[1], reply[2])
        raise ERROR_CLASSES.get(reply[1], QueryError)(reply[2], reply[3])

    def count_triples(self) -> int:
        """Triples in all graphs, counted by a worker."""
        return self._call({"op": "count"}, max(self.limits.timeout, 60.0))[1]

    def close(self) -> None:
        """Stop every worker; safe to call twice."""
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
