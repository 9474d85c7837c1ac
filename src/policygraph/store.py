"""The embedded Oxigraph store and a remote SPARQL endpoint behind one query interface."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from .errors import InputError, Location, display_path
from .sparql.errors import (
    NotAcceptable,
    QueryError,
    QuerySyntaxError,
    QueryTimeout,
    RemoteStoreError,
    TooManyResults,
)
from .sparql.limits import Limits, check_query
from .sparql.negotiation import choose_for, offered_types
from .sparql.results import QueryResult, serialize_boolean, serialize_solutions, serialize_triples

COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
_VARNAME = re.compile(r"^\w+$")


class Store(Protocol):
    """What the API, saved queries and the CLI need from any store."""

    def query(
        self,
        sparql: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout: float | None = None,
        bindings: Mapping[str, Any] | None = None,
        accept: str | None = None,
    ) -> QueryResult: ...

    def count_triples(self) -> int: ...

    def close(self) -> None: ...


def to_term(value: Any) -> ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple:
    """A binding value as a pyoxigraph term: pyoxigraph or rdflib terms, or plain Python values."""
    if isinstance(value, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple):
        return value
    kind = type(value).__name__
    if kind == "URIRef":
        return ox.NamedNode(str(value))
    if kind == "BNode":
        return ox.BlankNode(str(value))
    if kind == "Literal" and hasattr(value, "datatype"):  # rdflib.Literal
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, bool | int | float | str):
        return ox.Literal(value)
    raise TypeError(f"cannot bind {value!r}: use an IRI, literal or blank-node term")


def to_substitutions(bindings: Mapping[str, Any] | None) -> dict[ox.Variable, Any]:
    """Bindings as pyoxigraph substitutions; names are checked, values are terms, never text."""
    subs = {}
    for name, value in (bindings or {}).items():
        name = name.lstrip("?$")
        if not _VARNAME.match(name):
            raise QueryError(f"invalid variable name in bindings: {name!r}")
        subs[ox.Variable(name)] = to_term(value)
    return subs


def values_clause(bindings: Mapping[str, Any]) -> str:
    """A trailing VALUES block for engines without substitutions; terms render as N-Triples syntax."""
    subs = to_substitutions(bindings)
    if not subs:
        return ""
    names = " ".join(f"?{v.value}" for v in subs)
    row = " ".join(str(t) for t in subs.values())
    return f"\nVALUES ({names}) {{ ({row}) }}"


class OxigraphStore:
    """Runs queries in this process; WorkerPool wraps it to add time limits it cannot enforce itself."""

    def __init__(
        self,
        store: ox.Store,
        *,
        limits: Limits | None = None,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
    ):
        self._store = store
        self.limits = limits or Limits()
        self.base_iri = base_iri
        self.prefixes = dict(prefixes or {})

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        graph_file: Path | tuple[Path, ...] | None = None,
        **kwargs,
    ) -> OxigraphStore:
        """A read-only store on disk, or (path None) an in-memory store filled from graph_file."""
        if path is not None:
            if not Path(path).is_dir():
                raise InputError(
                    display_path(path), "no store here", "run the build or load_store() first"
                )
            return cls(ox.Store.read_only(str(path)), **kwargs)
        store = ox.Store()
        if graph_file is not None:
            _load_into(store, graph_file)
        return cls(store, **kwargs)

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
        """Check, run and serialise one query; `timeout` is ignored here (see WorkerPool)."""
        check_query(sparql, self.limits)
        options: dict[str, Any] = {"base_iri": self.base_iri or None}
        if default_graph_uris:
            options["default_graph"] = [ox.NamedNode(u) for u in default_graph_uris]
        if named_graph_uris:
            options["named_graphs"] = [ox.NamedNode(u) for u in named_graph_uris]
        if bindings:
            options["substitutions"] = to_substitutions(bindings)
        try:
            try:
                answer = self._store.query(sparql, **options)
            except RuntimeError as exc:
                # SEP-0007 substitution needs the variable projected; a trailing VALUES block does not.
                if not bindings or "projection" not in str(exc):
                    raise QueryError(str(exc)) from None
                del options["substitutions"]
                answer = self._store.query(sparql + values_clause(bindings), **options)
        except SyntaxError as exc:
            raise QuerySyntaxError(
                f"malformed query: {exc}", "check the SPARQL syntax near the position given"
            ) from None
        except ValueError as exc:  # e.g. an invalid IRI among the graph URIs
            raise QueryError(str(exc)) from None
        return self._serialise(answer, accept)

    def _serialise(self, answer, accept: str | None) -> QueryResult:
        if isinstance(answer, ox.QueryBoolean):
            media_type = self._choose("boolean", accept)
            return QueryResult(
                "boolean", media_type, serialize_boolean(bool(answer), media_type), 1
            )
        kind = "bindings" if isinstance(answer, ox.QuerySolutions) else "graph"
        media_type = self._choose(kind, accept)
        rows = self._capped(answer)
        if kind == "bindings":
            names = [v.value for v in answer.variables]
            body = serialize_solutions(names, rows, media_type)
        else:
            body = serialize_triples(rows, media_type, self.prefixes)
        return QueryResult(kind, media_type, body, len(rows))

    def _choose(self, kind: str, accept: str | None) -> str:
        media_type = choose_for(kind, accept)
        if media_type is None:
            raise NotAcceptable(offered_types(kind), accept or "")
        return media_type

    def _capped(self, answer) -> list:
        cap = self.limits.max_rows
        rows = []
        for row in answer:
            rows.append(row)
            if len(rows) > cap:
                what = "rows" if isinstance(answer, ox.QuerySolutions) else "triples"
                raise TooManyResults(
                    f"the query returns more than the {cap:,}-{what[:-1]} limit",
                    f"add LIMIT {cap} (and OFFSET to page) or narrow the query",
                )
        return rows

    def count_triples(self) -> int:
        """Triples in all graphs of the store."""
        return len(self._store)

    def close(self) -> None:
        """Drop the handle; pyoxigraph releases the files when the object is collected."""
        self._store = None  # type: ignore[assignment]


def _load_into(store: ox.Store, graph_file: Path | Sequence[Path], *, bulk: bool = False) -> None:
    """Parse a graph file (format from its extension) into a store, turning parse errors into InputError.

    Several files (the data and the ontology, say) load one after the other into the default graph."""
    if not isinstance(graph_file, (str, Path)):
        for one in graph_file:
            _load_into(store, Path(one), bulk=bulk)
        return
    graph_file = Path(graph_file)
    if not graph_file.is_file():
        raise InputError(display_path(graph_file), "graph file not found", "build the graph first")
    try:
        if bulk:
            store.bulk_load(path=str(graph_file))
        else:
            store.load(path=str(graph_file))
    except SyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) else None
        raise InputError(
            Location(display_path(graph_file), line),
            f"not valid RDF: {exc.msg}",
            "rebuild the graph; the builder writes valid N-Triples",
        ) from None
    except ValueError as exc:  # unknown extension
        raise InputError(
            display_path(graph_file), str(exc), "use .nt, .nq, .ttl, .trig or .jsonld"
        ) from None


def load_store(graph_file: Path | Sequence[Path], store_dir: Path) -> int:
    """Bulk-load into a fresh sibling directory and swap it in, so a failed load never replaces a good store."""
    store_dir = Path(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    stamp = f"{os.getpid()}-{time.time_ns()}"
    fresh = store_dir.with_name(f".{store_dir.name}.loading-{stamp}")
    previous = store_dir.with_name(f".{store_dir.name}.previous-{stamp}")
    try:
        store = ox.Store(str(fresh))
        _load_into(store, graph_file, bulk=True)
        store.flush()
        count = len(store)
        del store
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if store_dir.exists():
        os.rename(store_dir, previous)
    try:
        os.rename(fresh, store_dir)
    except BaseException:
        if previous.exists():
            os.rename(previous, store_dir)  # put the good store back
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    shutil.rmtree(previous, ignore_errors=True)
    return count


class RemoteStore:
    """A SPARQL 1.1 Protocol endpoint elsewhere, queried over HTTP; read-only like the local store."""

    def __init__(
        self,
        endpoint: str,
        *,
        limits: Limits | None = None,
        headers: Mapping[str, str] | None = None,
    ):
        import httpx  # only needed when a remote endpoint is configured

        self.endpoint = endpoint
        self.limits = limits or Limits()
        self._client = httpx.Client(headers=dict(headers or {}), follow_redirects=True)
        self._httpx = httpx

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
        """POST the query (form-encoded) and wrap the response bytes; bindings become a VALUES block."""
        if bindings:
            sparql += values_clause(bindings)
        check_query(sparql, self.limits)
        data = {
            "query": sparql,
            "default-graph-uri": list(default_graph_uris),
            "named-graph-uri": list(named_graph_uris),
        }
        limit = timeout if timeout is not None else self.limits.timeout
        headers = {
            "Accept": accept or "application/sparql-results+json, text/turtle;q=0.9, */*;q=0.1"
        }
        try:
            response = self._client.post(self.endpoint, data=data, headers=headers, timeout=limit)
        except self._httpx.TimeoutException:
            raise QueryTimeout(
                f"query exceeded the {limit:g} s time limit", f"remote endpoint {self.endpoint}"
            ) from None
        except self._httpx.HTTPError as exc:
            raise RemoteStoreError(f"cannot reach {self.endpoint}: {exc}") from None
        if response.status_code == 400:
            raise QuerySyntaxError(f"remote endpoint refused the query: {response.text[:500]}")
        if response.status_code >= 300:
            raise RemoteStoreError(
                f"remote endpoint answered {response.status_code}: {response.text[:500]}"
            )
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return QueryResult(_kind_of(media_type, response.content), media_type, response.content)

    def count_triples(self) -> int:
        """Triples the endpoint reports (default graph plus named graphs)."""
        result = self.query(COUNT_QUERY, accept="application/sparql-results+json")
        import json

        return int(json.loads(result.body)["results"]["bindings"][0]["n"]["value"])

    def close(self) -> None:
        self._client.close()


def _kind_of(media_type: str, body: bytes) -> str:
    """Result kind from a response: RDF types are graphs; SPARQL results are booleans or bindings."""
    if media_type in (
        "text/turtle",
        "application/n-triples",
        "application/ld+json",
        "application/rdf+xml",
    ):
        return "graph"
    head = body[:200].replace(b" ", b"")
    return "boolean" if b'"boolean"' in head or b"<boolean>" in body[:500] else "bindings"


def open_store(
    store_path: Path | None,
    graph_file: Path | tuple[Path, ...] | None = None,
    *,
    workers: int = 2,
    limits: Limits | None = None,
    base_iri: str | None = None,
    prefixes: Mapping[str, str] | None = None,
):
    """The store the server uses: a pool of killable worker processes over the on-disk or in-memory store."""
    from .sparql.workers import WorkerPool

    if isinstance(store_path, str) and store_path.startswith(("http://", "https://")):
        return RemoteStore(store_path, limits=limits)
    pool = WorkerPool(
        store_path, graph_file, size=workers, limits=limits, base_iri=base_iri, prefixes=prefixes
    )
    pool.start()
    return pool
