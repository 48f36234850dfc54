"""The researchers' SPARQL endpoint as a library: one query request in, one answer (bytes) out.

It reads the request without running it (:mod:`kb.endpoint_scan`: updates, ``SERVICE`` and graphs the
KB does not hold are refused before anything runs), then runs it in a killable worker on a snapshot
of the store (:mod:`kb.endpoint_pool`) with a time limit and a row limit. The web layer maps the
errors below to HTTP statuses in one place; this module knows nothing of HTTP.
"""
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files

from rdflib import URIRef

from kb import embargo, endpoint_pool, endpoint_remote, endpoint_scan
from kb.endpoint_pool import EndpointBusy, QueryTimeout, WorkerFailed
from kb.endpoint_scan import RemoteRefused, UpdateRefused
from kb.namespaces import PREFIXES
from kb.store import QuerySyntaxError


@dataclass(frozen=True)
class Setting:
    name: str
    default: float | int
    help: str


SETTINGS = (
    Setting("SPARQL_TIME_LIMIT", 10.0, "seconds a query may run before it is stopped; a request may ask "
                                       "for less (parameter timeout), never more"),
    Setting("SPARQL_ROW_LIMIT", 10_000, "most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) in an answer; "
                                        "a longer answer is cut there and says so (header X-SPARQL-Truncated)"),
    Setting("SPARQL_MAX_QUERY_BYTES", 100_000, "longest query text accepted, in bytes (UTF-8); "
                                               "longer requests are answered 413"),
    Setting("SPARQL_WORKERS", 4, "worker processes that run queries at the same time"),
)


def settings_from(config) -> dict:
    return {s.name: type(s.default)(config.get(s.name, s.default)) for s in SETTINGS}


class NotAcceptable(Exception):
    """None of the formats the client accepts can hold this kind of result."""

    def __init__(self, kind: str):
        self.kind = kind
        what = {"graph": "a graph (CONSTRUCT, DESCRIBE)", "select": "query results (SELECT, ASK)"}.get(
            kind, "an RDF description (Turtle, JSON-LD, RDF/XML, N-Triples)")
        super().__init__(f"the answer is {what}, and none of the formats asked for can hold it")


class UnknownGraph(Exception):
    def __init__(self, iri: str):
        super().__init__(f"{iri!s} is not a graph of this KB; the endpoint fetches nothing remote "
                         "(FROM, FROM NAMED, default-graph-uri and named-graph-uri name graphs of the KB)")


class QueryEvaluationError(Exception):
    """The query parsed but failed while it ran (the message is Oxigraph's)."""


ERRORS = (UpdateRefused, RemoteRefused, UnknownGraph, NotAcceptable, QuerySyntaxError, QueryEvaluationError,
          QueryTimeout, EndpointBusy, WorkerFailed)

# Prefixes for Turtle, TriG and RDF/XML answers; not ckbr:, whose local names would need escaped slashes.
SERIALIZATION_PREFIXES = {prefix: ns for prefix, ns in PREFIXES.items() if prefix != "ckbr"}
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


@dataclass
class QueryRequest:
    text: str
    formats: dict  # kind ("select" or "graph") -> format name of kb.endpoint_results.FORMATS, or None
    seconds: float
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None


@dataclass
class Answer:
    body: bytes
    media_type: str
    format: str
    kind: str  # "select", "ask" or "graph"
    truncated: bool
    count: int | None  # rows or triples; None when Oxigraph wrote all rows of a LIMIT of the query's own
    seconds: float  # wall time in the endpoint, queueing excluded
    worker_cpu: float | None = None  # CPU seconds the query worker spent on it (None: a remote store)
    write_cpu: float | None = None  # of which writing rows in Python


@dataclass
class Example:
    name: str
    title: str
    text: str
    group: str


class Endpoint:
    def __init__(self, kb, settings: dict):
        self.kb, self.settings = kb, settings
        self._pool = self._snapshots = None
        self._lock = threading.Lock()

    @property
    def time_limit(self) -> float:
        return self.settings["SPARQL_TIME_LIMIT"]

    def _runner(self):
        with self._lock:
            if self._pool is None:
                directory = self.kb.store.path.parent / "sparql-snapshots"
                self._snapshots, self._pool = endpoint_pool.start(self.kb, directory,
                                                                  self.settings["SPARQL_WORKERS"])
        return self._snapshots, self._pool

    def warm_up(self):
        """Start the workers and take the first snapshot now rather than on the first query."""
        if hasattr(self.kb.store, "backup"):
            snapshots, pool = self._runner()
            pool.start()
            with snapshots.use():
                pass

    def worker_pids(self) -> list[int]:
        return self._pool.pids() if self._pool else []

    def read(self, request: QueryRequest) -> endpoint_scan.Reading:
        """Check what can be checked before running: refusals, formats, graphs."""
        reading = endpoint_scan.read(request.text)
        if reading.kind and request.formats.get(reading.kind) is None:
            raise NotAcceptable(reading.kind)
        for iri in dict.fromkeys(reading.from_graphs + reading.from_named + (request.default_graphs or [])
                                 + (request.named_graphs or [])):
            if not _IRI.match(iri) or not self.kb.select("sparql/graph-exists", g=URIRef(iri)):
                raise UnknownGraph(iri)
        return reading

    def run(self, request: QueryRequest) -> Answer:
        reading = self.read(request)
        job = {"query": request.text, "formats": request.formats, "row_limit": self.settings["SPARQL_ROW_LIMIT"],
               "query_limit": reading.limit, "limit_appendable": reading.limit_appendable,
               "default_graph": request.default_graphs, "named_graphs": request.named_graphs,
               "prefixes": SERIALIZATION_PREFIXES}
        seconds = min(request.seconds, self.time_limit)
        started = time.perf_counter()
        if hasattr(self.kb.store, "backup"):
            snapshots, pool = self._runner()
            with snapshots.use() as path:
                answer = pool.run({**job, "snapshot": path}, seconds)
        else:
            answer = endpoint_remote.run(self.kb.store, request, job, seconds)
        elapsed = time.perf_counter() - started
        if answer[0] == "error":
            _, kind, message = answer
            if kind == "not-acceptable":
                raise NotAcceptable(message)
            raise (QuerySyntaxError if kind == "syntax" else QueryEvaluationError)(message)
        _, info, body = answer
        return Answer(body, info["media_type"], info["format"], info["kind"], info["truncated"], info["count"],
                      elapsed, info.get("cpu"), info.get("write_cpu"))

    def dump(self, format: str, graph=None) -> bytes:
        """A dump for researchers, without unpublished reviews (``kb.embargo``): from the snapshot the
        queries read, or on a remote store from its public view."""
        if not hasattr(self.kb.store, "backup"):
            return endpoint_remote.dump(self.kb.store, format, graph)
        with self.snapshot() as path:
            return embargo.dump(path, format, graph)

    @contextmanager
    def snapshot(self):
        """The path of the stripped snapshot researchers' queries read (embedded store only)."""
        snapshots, _pool = self._runner()
        with snapshots.use() as path:
            yield path

    def close(self):
        if self._pool:
            self._pool.close()
            self._snapshots.close()


def examples() -> list[Example]:
    """The gallery: the competency questions, then more examples (``kb/queries/competency``, ``examples``)."""
    found = []
    for group in ("competency", "examples"):
        folder = files("kb.queries").joinpath(group)
        for resource in sorted((r for r in folder.iterdir() if r.name.endswith(".rq")), key=lambda r: r.name):
            text = resource.read_text(encoding="utf-8")
            first = text.splitlines()[0] if text else ""
            title = first.lstrip("# ").strip() if first.startswith("#") else resource.name
            found.append(Example(resource.name.removesuffix(".rq"), title, text, group))
    return found
