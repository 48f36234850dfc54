"""Store backends behind the facade: the embedded on-disk Oxigraph store, and any SPARQL 1.1 endpoint.

Both speak the same small interface: ``select``, ``ask``, ``construct`` (SPARQL text plus bindings),
``update`` (one SPARQL Update request = one transaction), ``load`` (a first bulk load), ``dump``.
Results come back as rdflib terms, so the layers above never see a backend's own types.
"""
import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.term import Node

from kb.sparql import bind_values, to_oxigraph, to_rdflib

DUMP_FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE,
                "nt": ox.RdfFormat.N_TRIPLES}


@dataclass
class QueryResult:
    """What a query gave: rows of a SELECT, the answer of an ASK, or the graph of a CONSTRUCT/DESCRIBE."""
    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class StoreError(Exception):
    """The store cannot be used; the message says what to do."""


class StoreLocked(StoreError):
    """Another process holds the embedded store open for writing."""


class QuerySyntaxError(ValueError):
    """A malformed query: the message is the parser's, with the position."""


class EmbeddedStore:
    """Oxigraph on disk (RocksDB): one writing process at a time, transactions per update."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.generation = 0  # counts writes, so that snapshots (``backup``) can tell they are stale
        try:
            self._store = ox.Store(str(self.path))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreLocked(f"the store {self.path} is open in another process") from error
            raise StoreError(f"cannot open the store {self.path}: {error}") from error

    def _run(self, query: str, bindings: dict[str, Node] | None, **options):
        substitutions = {ox.Variable(name): to_oxigraph(term) for name, term in (bindings or {}).items()}
        try:
            return self._store.query(query, substitutions=substitutions or None, **options)
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from error

    def select(self, query: str, bindings=None, **options) -> list[dict[str, Node]]:
        solutions = self._run(query, bindings, **options)
        names = [v.value for v in solutions.variables]
        return [{name: to_rdflib(row[name]) for name in names if row[name] is not None} for row in solutions]

    def ask(self, query: str, bindings=None, **options) -> bool:
        return bool(self._run(query, bindings, **options))

    def construct(self, query: str, bindings=None, **options) -> Graph:
        graph = Graph()
        for triple in self._run(query, bindings, **options):
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        return graph

    def query(self, query: str, **options) -> QueryResult:
        result = self._run(query, None, **options)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            graph = Graph()
            for triple in result:
                graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
            return QueryResult("graph", graph=graph)
        names = [v.value for v in result.variables]
        rows = [{name: to_rdflib(row[name]) for name in names if row[name] is not None} for row in result]
        return QueryResult("select", variables=names, rows=rows)

    def update(self, update: str, bindings=None):
        try:
            self._store.update(bind_values(update, bindings or {}))
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from error
        finally:
            self.generation += 1

    def load(self, data: bytes, format: str = "nq"):
        """Add ``data`` in one transaction (``extend``)."""
        try:
            self._store.extend(ox.parse(data, format=DUMP_FORMATS[format]))
        finally:
            self.generation += 1

    def backup(self, directory: Path):
        """A consistent copy of the store in the new ``directory`` (a RocksDB checkpoint: hard links, cheap),
        that other processes may open read-only while this one writes."""
        self._store.backup(str(directory))

    def dump(self, format: str = "nq", graph=None) -> bytes:
        options = {}
        if graph is not None:
            options["from_graph"] = to_oxigraph(graph) if graph != "default" else ox.DefaultGraph()
        return self._store.dump(format=DUMP_FORMATS[format], **options)

    def is_empty(self) -> bool:
        return not self._store.query("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store itself, for what only it can do fast (bulk loads, benchmarks)."""
        return self._store

    def close(self):
        self._store.flush()
        del self._store


class RemoteStore:
    """A SPARQL 1.1 Protocol endpoint (query and update URLs), with HTTP Basic or bearer-token auth."""

    def __init__(self, query_url: str, update_url: str, user: str | None = None, password: str | None = None,
                 token: str | None = None, timeout: float = 60):
        self.query_url, self.update_url, self.timeout = query_url, update_url, timeout
        self.headers = {}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        elif user:
            pair = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
            self.headers["Authorization"] = f"Basic {pair}"

    def _post(self, url: str, body: str, content_type: str, accept: str) -> bytes:
        request = urllib.request.Request(url, data=body.encode("utf-8"), method="POST", headers={
            **self.headers, "Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            if error.code == 400:
                raise QuerySyntaxError(detail) from error
            raise StoreError(f"{url} answered {error.code}: {detail}") from error
        except urllib.error.URLError as error:
            raise StoreError(f"cannot reach {url}: {error.reason}; is the server running?") from error

    def _query(self, query: str, bindings, accept: str) -> bytes:
        return self._post(self.query_url, bind_values(query, bindings or {}), "application/sparql-query", accept)

    def select(self, query: str, bindings=None, **_options) -> list[dict[str, Node]]:
        results = json.loads(self._query(query, bindings, "application/sparql-results+json"))
        return [{name: _json_term(value) for name, value in row.items()} for row in results["results"]["bindings"]]

    def ask(self, query: str, bindings=None, **_options) -> bool:
        return bool(json.loads(self._query(query, bindings, "application/sparql-results+json"))["boolean"])

    def construct(self, query: str, bindings=None, **_options) -> Graph:
        return Graph().parse(data=self._query(query, bindings, "application/n-triples"), format="nt")

    def query(self, query: str, **_options) -> QueryResult:
        request = urllib.request.Request(self.query_url, data=query.encode("utf-8"), method="POST", headers={
            **self.headers, "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                kind, body = response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            raise (QuerySyntaxError(detail) if error.code == 400 else StoreError(f"{error.code}: {detail}")) from error
        if kind == "application/n-triples":
            return QueryResult("graph", graph=Graph().parse(data=body, format="nt"))
        results = json.loads(body)
        if "boolean" in results:
            return QueryResult("ask", boolean=bool(results["boolean"]))
        rows = [{name: _json_term(value) for name, value in row.items()} for row in results["results"]["bindings"]]
        return QueryResult("select", variables=results["head"]["vars"], rows=rows)

    def update(self, update: str, bindings=None):
        self._post(self.update_url, bind_values(update, bindings or {}), "application/sparql-update", "*/*")

    def load(self, data: bytes, format: str = "nq"):
        dataset = Dataset()
        dataset.parse(data=data, format={"nq": "nquads", "trig": "trig"}[format])
        from kb.changes import Change  # one update request: all or nothing on the server too
        self.update(Change.inserting(dataset).as_update())

    def dump(self, format: str = "nq", graph=None) -> bytes:
        """The dataset (``nq``/``trig``) or the current view (``ttl``/``nt``), read through SELECT."""
        from rdflib import Dataset as RdflibDataset
        from kb import sparql
        dataset = RdflibDataset()
        if format in ("nq", "trig"):
            for row in self.select(sparql.text("dump/quads")):
                dataset.graph(row["g"]).add((row["s"], row["p"], row["o"]))
        for row in self.select(sparql.text("dump/triples")):
            dataset.default_graph.add((row["s"], row["p"], row["o"]))
        target = {"nq": "nquads", "trig": "trig", "ttl": "turtle", "nt": "nt"}[format]
        source = dataset if format in ("nq", "trig") else dataset.default_graph
        return source.serialize(format=target, encoding="utf-8")

    def is_empty(self) -> bool:
        return not self.ask("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")

    def close(self):
        pass


def _json_term(value: dict) -> Node:
    from rdflib import BNode, Literal, URIRef
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        datatype = None
    return Literal(value["value"], datatype=datatype)
