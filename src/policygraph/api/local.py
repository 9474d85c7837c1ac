"""Serve an app in a background thread on 127.0.0.1 and a free port — for tests, benchmarks and
notebooks that need a real HTTP server that starts and stops itself."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from ..errors import PolicyGraphError


class LocalServer:
    """`with LocalServer(app) as server: server.url` — bound before start, so no port race."""

    def __init__(self, app, *, start_timeout: float = 60.0):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # accepted sockets inherit this; without it Nagle and delayed ACKs add ~40 ms a response
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port: int = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.start_timeout = start_timeout
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    @property
    def endpoint(self) -> str:
        """The SPARQL endpoint of this server."""
        return f"{self.url}/sparql"

    def __enter__(self) -> LocalServer:
        self.thread.start()
        deadline = time.monotonic() + self.start_timeout
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                self.close()
                raise PolicyGraphError(f"the local server on port {self.port} did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.server.should_exit = True
        if self.thread.is_alive():
            self.thread.join(30)
        self.sock.close()
