"""The remote store: any SPARQL 1.1 Protocol endpoint (Oxigraph server, Virtuoso, Fuseki, ...)."""
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from kb.endpoint_scan import QUERY_FORMS, UPDATE_KEYWORDS, tokens
from kb.namespaces import CKB, PROVENANCE_GRAPH, VOCABULARY_GRAPH
from kb.sparql import bind_values
from kb.store.common import (DUMP_FORMATS, QueryResult, QuerySyntaxError, StoreError, StoreTimeout,
                             StoreUnavailable, StoreWriteFailed)


class RemoteStore:
    """A SPARQL 1.1 Protocol endpoint (query and update URLs), with HTTP Basic or Digest auth (whichever
    the server asks for) or a bearer token.

    ``view``: on a store whose default graph cannot hold the current view by itself (Virtuoso's is the
    union of all graphs), the named graph that holds it instead. Every request then names it as its
    default graph (``default-graph-uri``), which Virtuoso also takes as the target of updates that name
    no graph, and the KB's graphs as its named graphs (:meth:`_named_graphs`); so the queries and updates
    of ``kb/queries`` stay the same on every store.
    """

    def __init__(self, query_url: str, update_url: str, user: str | None = None, password: str | None = None,
                 token: str | None = None, timeout: float = 60, view: str | None = None, form: bool = True):
        self.query_url, self.update_url, self.timeout, self.view = query_url, update_url, timeout, view
        self.form = form
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        handlers = []
        if user:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {query_url, update_url}:
                passwords.add_password(None, url, user, password or "")
            handlers = [urllib.request.HTTPBasicAuthHandler(passwords),
                        urllib.request.HTTPDigestAuthHandler(passwords)]
        self._opener = urllib.request.build_opener(*handlers)

    def _post(self, url: str, operation: str, text: str, accept: str, params: dict | None = None,
              timeout: float | None = None) -> tuple[str, bytes]:
        """POST a ``query`` or an ``update`` (``operation``); the media type and the bytes of the answer."""
        with self._open(url, operation, text, accept, params, timeout) as response, self._errors(url, timeout):
            return response.headers.get_content_type(), response.read()

    @contextmanager
    def stream(self, query: str, accept: str, params: dict | None = None, timeout: float | None = None):
        """The answer to ``query`` as an HTTP response to read as a stream (closing it early stops the
        server's work); errors while reading it are this module's too."""
        with self._open(self.query_url, "query", query, accept, params, timeout) as response, \
                self._errors(self.query_url, timeout):
            yield response

    def _open(self, url: str, operation: str, text: str, accept: str, params: dict | None = None,
              timeout: float | None = None):
        """The HTTP response to a ``query`` or an ``update`` (``operation``).

        Sent as an HTML form (``application/x-www-form-urlencoded``), the one encoding every SPARQL server
        reads (Virtuoso 7.2 leaves a direct ``application/sparql-query`` POST unanswered); the server's own
        ``/_kb/`` endpoints (``form=False``) read the text as the body. Errors are this module's."""
        params = {**({"default-graph-uri": self.view} if self.view else {}), **(params or {})}
        if self.view:
            # As Virtuoso's pragmas, not as named-graph-uri: it would echo each in a header of the answer
            # (X-SPARQL-named-graph), past the 100 headers that Python's http.client reads.
            named = params.pop("named-graph-uri", None)
            if named is None and (patterns := _graph_patterns(operation, text)) is not None:
                named, complete = patterns
                named = sorted(named | SPECIAL_GRAPHS) if complete else self._named_graphs(named)
            if named and len(named) > MAX_NAMED_GRAPHS:
                raise StoreError(
                    f"the SPARQL store at {self.query_url} would need {len(named):,} graphs named in one request, "
                    f"and Virtuoso compiles at most a few thousand (SP030 past {MAX_NAMED_GRAPHS:,}): this "
                    "request goes through every unit of the KB (an edit, a history, a dump, a researcher's "
                    "GRAPH query). Keep a KB of more units on an Oxigraph server (docs/deploy.md, \"Virtuoso\")")
            text = "".join(f"define input:named-graph-uri <{graph}>\n" for graph in named or ()) + text
        # A NUL ends Virtuoso's string literal ("Unterminated ... string", 500); its escape means the same to
        # every SPARQL parser (escapes are decoded before parsing), and Virtuoso keeps the character.
        text = text.replace("\x00", "\\u0000")
        if self.form:
            body = urllib.parse.urlencode({operation: text, **params}, doseq=True)
            content_type = "application/x-www-form-urlencoded"
        else:
            body, content_type = text, f"application/sparql-{operation}"
            if params:
                url += "?" + urllib.parse.urlencode(params, doseq=True)
        request = urllib.request.Request(url, data=body.encode("utf-8"), method="POST", headers={
            **self.headers, "Content-Type": content_type, "Accept": accept})
        with self._errors(url, timeout, operation):
            return self._opener.open(request, timeout=timeout or self.timeout)

    def _named_graphs(self, named: set[str]) -> list[str]:
        """The named graphs of a request to a store with a view graph: the KB's (``store/kb-graphs.rq``),
        and those that the request ``named``, which may not exist yet. Virtuoso, given a default graph and no
        named graphs, still reaches every named graph through ``GRAPH ?g`` (the view graph too, as if it
        were a unit holding every current triple) but none through ``GRAPH <iri>``, where an ASK or a
        COUNT even answers as if the pattern matched. Read before the request: a unit that another
        process writes meanwhile is not among them."""
        from kb import sparql
        listing = sparql.text("store/kb-graphs")
        with self._open(self.query_url, "query", listing, "application/sparql-results+json",
                        {"named-graph-uri": []}) as response, self._errors(self.query_url, None):
            units = {str(row["g"]) for row in _rows(json.loads(response.read()))}
        return sorted(units | SPECIAL_GRAPHS | named)

    @contextmanager
    def _errors(self, url: str, timeout: float | None, operation: str | None = None):
        """HTTP and network errors as this module's: the request's fault (400), the settings' (401, 403),
        the store away (unreachable, 502-504, cut off) or too slow."""
        where = url.split("?")[0]
        try:
            yield
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500].strip()
            if error.code == 400:
                raise QuerySyntaxError(detail) from error
            if error.code in (401, 403) and operation == "update" and self.form:
                # Queries still pass: the store takes no updates (``oxigraph serve-read-only`` answers 403).
                raise StoreWriteFailed(f"{where} refused the update ({error.code}: {detail or 'no reason given'}): "
                                       "the store is read-only, or CLAIMKB_SPARQL_USER may not write; nothing "
                                       "was written. Make it writable, then try again") from error
            if error.code in (401, 403):
                raise StoreError(f"{where} refused the request ({error.code}): check CLAIMKB_SPARQL_USER and "
                                 "CLAIMKB_SPARQL_PASSWORD") from error
            if error.code in (502, 503, 504):
                # A claimkb server (``/_kb/``) says why in plain text (a full disk): say it as it is.
                reason = f": {detail}" if detail and error.headers.get_content_type() == "text/plain" else ""
                raise StoreUnavailable(f"the SPARQL store at {where} is unavailable ({error.code}){reason}; "
                                       "try again when it is back") from error
            raise StoreError(f"{where} answered {error.code}: {detail}") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise StoreTimeout(f"the SPARQL store at {where} did not answer within "
                                   f"{timeout or self.timeout:g} s") from error
            raise StoreUnavailable(f"cannot reach the SPARQL store at {where} ({error.reason}); "
                                   "is it running? Start it, or check CLAIMKB_SPARQL_QUERY and "
                                   "CLAIMKB_SPARQL_UPDATE") from error
        except TimeoutError as error:
            raise StoreTimeout(f"the SPARQL store at {where} did not answer within {timeout or self.timeout:g} s") \
                from error
        except (OSError, http.client.HTTPException) as error:  # the connection cut mid-answer
            raise StoreUnavailable(f"the SPARQL store at {where} did not answer ({error or type(error).__name__}); "
                                   "try again when it is back") from error

    def _query(self, query: str, bindings, accept: str, params: dict | None = None) -> tuple[str, bytes]:
        return self._post(self.query_url, "query", bind_values(query, bindings or {}), accept, params)

    def select(self, query: str, bindings=None, params: dict | None = None, **_options) -> list[dict[str, Node]]:
        """``params``: SPARQL Protocol parameters, such as the dataset (``default-graph-uri``)."""
        _, body = self._query(query, bindings, "application/sparql-results+json", params)
        return _rows(json.loads(body))

    def ask(self, query: str, bindings=None, **_options) -> bool:
        return bool(json.loads(self._query(query, bindings, "application/sparql-results+json")[1])["boolean"])

    def construct(self, query: str, bindings=None, **_options) -> Graph:
        return _graph(*self._query(query, bindings, GRAPH_ACCEPT))

    def query(self, query: str, **_options) -> QueryResult:
        """A query of any form. Its form picks what to accept: given both results and graph types,
        Virtuoso answers a CONSTRUCT as results and fails halfway (SR606)."""
        form = _form(query)
        if form in UPDATE_KEYWORDS:
            raise QuerySyntaxError(f"{form} is an update: only queries (SELECT, ASK, CONSTRUCT, DESCRIBE) run here")
        accept = {"CONSTRUCT": GRAPH_ACCEPT, "DESCRIBE": GRAPH_ACCEPT, "SELECT": "application/sparql-results+json",
                  "ASK": "application/sparql-results+json"}.get(form, "application/sparql-results+json, " + GRAPH_ACCEPT)
        kind, body = self._post(self.query_url, "query", query, accept)
        if kind != "application/sparql-results+json" and kind != "application/json":
            return QueryResult("graph", graph=_graph(kind, body))
        results = json.loads(body)
        if "boolean" in results:
            return QueryResult("ask", boolean=bool(results["boolean"]))
        return QueryResult("select", variables=results["head"]["vars"], rows=_rows(results))

    def update(self, update: str, bindings=None):
        """One request, which the server applies as one transaction (all or nothing).

        But on a store with a view graph (Virtuoso), an update that lists its operations
        (``kb.changes.Update``) goes in several requests of whole operations, in order, each one with a
        WHERE alone (``_requests``). Virtuoso applies each operation on its own anyway, so no write there
        is all or nothing (docs/deploy.md, "Virtuoso"), but within one request a deletion followed by
        the insertion of an equal number of another type is undone: a retirement's DELETE of
        ``"3597"^^xsd:integer`` then the new unit's ``"3597"^^xsd:nonNegativeInteger`` left the integer
        in the view, which no current unit held. And its parser runs out of memory on the 6 MB request
        of 500 LIAR records (SP030): INSERT DATAs go together only up to ``REQUEST_BYTES``."""
        operations = getattr(update, "operations", None)
        if self.view and operations and not bindings:
            for request in _requests(operations):
                self._post(self.update_url, "update", request, "*/*")
            return
        self._post(self.update_url, "update", bind_values(update, bindings or {}), "*/*")

    def load(self, data: bytes, format: str = "nq"):
        """Add ``data`` (its default graph into the current view) to an empty store: a first load or a
        restore, in requests of at most ``LOAD_CHUNK`` triples, with the quad that says the store holds a
        KB (``LOADED``, what ``store/holds-a-kb.rq`` asks for) alone in the last one. Virtuoso refuses a
        large ``INSERT DATA`` (SP031), and applies each operation on its own anyway; so a load cut short
        leaves a store that :meth:`is_empty` still calls empty, and the next load redoes it (inserting
        the same quads again changes nothing). A KB holds no blank nodes (``skolemise``), so a chunk may
        end anywhere. Terms are written by pyoxigraph in N-Triples syntax."""
        quads, last = [], []
        for quad in ox.parse(data, format=DUMP_FORMATS[format]):
            (last if quad == LOADED else quads).append(quad)
        for start in range(0, len(quads), LOAD_CHUNK):
            self.update(_insert_data(quads[start:start + LOAD_CHUNK]))
        if last:
            self.update(_insert_data(last))

    def dump(self, format: str = "nq", graph=None) -> bytes:
        """The dataset (``nq``/``trig``) or the current view (``ttl``/``nt``), read through SELECT; without
        the public view (``kb.embargo``), which the store keeps for researchers and rebuilds itself."""
        from kb import sparql
        from kb.embargo import PUBLIC_VIEW
        dataset = Dataset()
        if format in ("nq", "trig"):
            for row in self.select(sparql.text("dump/quads")):
                if row["g"] != PUBLIC_VIEW:
                    dataset.graph(row["g"]).add((row["s"], row["p"], row["o"]))
        for row in self.select(sparql.text("dump/triples")):
            dataset.default_graph.add((row["s"], row["p"], row["o"]))
        return serialize(dataset, format)

    def is_empty(self) -> bool:
        """No claimkb KB here yet: neither provenance nor vocabulary (a server's own graphs do not count)."""
        from kb import sparql
        return not self.ask(sparql.text("store/holds-a-kb"))

    def close(self):
        pass


def serialize(dataset: Dataset, format: str) -> bytes:
    """A dataset read from a remote store, as a dump: the whole dataset (``nq``/``trig``) or its default
    graph (``ttl``/``nt``)."""
    target = {"nq": "nquads", "trig": "trig", "ttl": "turtle", "nt": "nt"}[format]
    source = dataset if format in ("nq", "trig") else dataset.default_graph
    data = source.serialize(format=target, encoding="utf-8")
    if format in ("nq", "nt"):  # line by line: sorted, so that the same KB always dumps the same bytes
        data = b"".join(sorted(line + b"\n" for line in data.splitlines() if line.strip()))
    return data


def _graph_patterns(operation: str, text: str) -> tuple[set[str], bool] | None:
    """The IRIs that a request's ``GRAPH`` keywords may name (their own, and those of its VALUES blocks),
    and whether they are all it can match: no ``GRAPH ?g`` whose variable no VALUES block binds (such a
    pattern goes through every graph, and needs the KB's graphs listed). None when it matches no named
    graph: it says no GRAPH (comments and strings aside), or it is an update without WHERE (INSERT DATA,
    DROP write)."""
    toks = tokens(text)
    words = {value.upper() for kind, value in toks if kind == "word"}
    if "GRAPH" not in words or (operation == "update" and "WHERE" not in words):
        return None
    after_graph = [following for (kind, value), following in zip(toks, toks[1:])
                   if kind == "word" and value.upper() == "GRAPH"]
    named = {value[1:-1] for kind, value in after_graph if kind == "iri"}
    free = {value[1:] for kind, value in after_graph if kind == "var"} - _values_variables(toks)
    return named | _values_iris(toks), not free


def _values_variables(toks) -> set[str]:
    """The variables (without ``?``/``$``) that the request's VALUES blocks bind."""
    bound = set()
    for at, (kind, value) in enumerate(toks):
        if kind == "word" and value.upper() == "VALUES":
            for kind, value in toks[at + 1:]:
                if kind == "var":
                    bound.add(value[1:])
                elif value == "{":
                    break
    return bound


def _values_iris(toks) -> set[str]:
    """The IRIs of a request's VALUES blocks: the graphs that a ``GRAPH ?g`` may be bound to. Virtuoso
    answers an ASK or a COUNT over ``GRAPH ?g``, ``?g`` bound to a graph that is not among the named
    graphs, as if it matched (an import's "is this unit written yet?")."""
    iris, at = set(), 0
    while at < len(toks):
        if not (toks[at][0] == "word" and toks[at][1].upper() == "VALUES"):
            at += 1
            continue
        while at < len(toks) and toks[at] != ("other", "{"):
            at += 1
        depth = 0
        for at in range(at, len(toks)):
            kind, value = toks[at]
            depth += {"{": 1, "}": -1}.get(value, 0) if kind == "other" else 0
            if kind == "iri":
                iris.add(value[1:-1])
            if depth == 0:
                break
        at += 1
    return iris


def _form(query: str) -> str | None:
    """The query's form (SELECT, ASK, CONSTRUCT, DESCRIBE), or the update keyword it starts with."""
    return next((value.upper() for kind, value in tokens(query)
                 if kind == "word" and value.upper() in {*QUERY_FORMS, *UPDATE_KEYWORDS}), None)


# Graphs named in every request to a store with a view graph, whether the request names them or not.
SPECIAL_GRAPHS = {str(PROVENANCE_GRAPH), str(CKB["embargoed-provenance"]), str(CKB["public-view"])}  # kb.embargo's
# Virtuoso 7.2 compiles named graphs into one operator call: 4,000 pass, 8,000 are refused (SP030, "Too many
# arguments for standard built-in function"; measured with a pragma per graph, as sent here).
MAX_NAMED_GRAPHS = 4000

# Virtuoso turns an INSERT DATA into SQL text and refuses more than 10,000 lines of it (SP031): about
# 1,500 triples of the shipped KB (measured, Virtuoso 7.2.5 with its default MaxQueryCostEstimationTime).
LOAD_CHUNK = 500
# The quad written last by a load: the vocabulary's provenance, which every claimkb KB holds.
LOADED = ox.Quad(ox.NamedNode(str(VOCABULARY_GRAPH)), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PROV.Entity)),
                 ox.NamedNode(str(PROVENANCE_GRAPH)))


# Measured on Virtuoso 7.2.5 (a LIAR import batch of 500 records): its 6.3 MB request runs the parser out
# of memory (SP030); 873 INSERT DATA operations in one request are "too large" (SQ156); 14 inserts with a
# WHERE of 500 triples each overflow the request's code vector (SQ199).
REQUEST_BYTES = 1_000_000
REQUEST_OPERATIONS = 100


def _requests(operations) -> list[str]:
    """``operations`` in requests, in order: INSERT DATA operations together, up to ``REQUEST_BYTES`` and
    ``REQUEST_OPERATIONS``; any other operation alone."""
    requests, current, length = [], [], 0
    for operation in operations:
        data = operation.startswith("INSERT DATA")
        if current and (not data or length + len(operation) > REQUEST_BYTES or len(current) == REQUEST_OPERATIONS):
            requests.append(" ;\n".join(current))
            current, length = [], 0
        if not data:
            requests.append(operation)
            continue
        current.append(operation)
        length += len(operation) + 3
    if current:
        requests.append(" ;\n".join(current))
    return requests


def _insert_data(quads: list[ox.Quad]) -> str:
    """One INSERT DATA of ``quads`` (those of the default graph into the current view)."""
    graphs: dict = {}
    for quad in quads:
        graphs.setdefault(quad.graph_name, []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
    parts = ["\n".join(triples) if isinstance(name, ox.DefaultGraph)
             else f"GRAPH {name} {{\n" + "\n".join(triples) + "\n}" for name, triples in graphs.items()]
    return "INSERT DATA {\n" + "\n".join(parts) + "\n}"


# CONSTRUCT answers: N-Triples first (the simplest to parse), then what servers that lack it write.
GRAPH_ACCEPT = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5"
GRAPH_FORMATS = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle",
                 "application/rdf+xml": "xml", "application/ld+json": "json-ld", "text/rdf+n3": "n3"}


def _graph(media_type: str, body: bytes) -> Graph:
    if media_type not in GRAPH_FORMATS:
        raise StoreError(f"the SPARQL store answered a graph as {media_type}, which claimkb does not read")
    return Graph().parse(data=body, format=GRAPH_FORMATS[media_type])


def _rows(results: dict) -> list[dict[str, Node]]:
    return [{name: _json_term(value) for name, value in row.items()} for row in results["results"]["bindings"]]


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
    # As written, not rdflib's canonical form ("...Z" would become "...+00:00"): a dump is a backup.
    return Literal(value["value"], datatype=datatype, normalize=False)
