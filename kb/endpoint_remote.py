"""The researchers' SPARQL endpoint on a remote store: the query runs on the SPARQL server itself.

The request was read and checked first (:mod:`kb.endpoint_scan`: no updates, no ``SERVICE``, only the
KB's graphs), as on the embedded store. There is no worker to kill here: the wait is bounded by the time
limit, the answer is read as a stream and the connection closed once past the row limit (the server then
stops), and the server applies its own limits (``oxigraph serve --timeout-s``, Virtuoso
``MaxQueryExecutionTime``). No snapshot either: the query is sent with the public dataset
(:func:`kb.embargo.public_dataset`), so that it reads no unpublished review.
"""
import itertools
import time

import pyoxigraph as ox

from kb import embargo, endpoint_scan
from kb.endpoint_pool import QueryTimeout
from kb.endpoint_results import FORMATS, write_boolean, write_graph, write_select
from kb.store import QuerySyntaxError, StoreError, StoreTimeout

# By the query's form: given results and graph types both, Virtuoso answers a CONSTRUCT or a DESCRIBE
# "not acceptable" (or as results, failing halfway: SR606). Both only when the form cannot be told.
ACCEPT = {"select": "application/sparql-results+json",
          "graph": "application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.5",
          None: "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
                "application/rdf+xml;q=0.5"}


def run(store, request, job: dict, seconds: float) -> tuple:
    """``("ok", info, body)`` or ``("error", "not-acceptable" or "syntax", message)``, as a query worker
    answers."""
    started = time.perf_counter()
    reading = endpoint_scan.read(request.text)
    # Escapes decoded as a SPARQL parser does first, so that none spells a keyword checked here.
    text = endpoint_scan.decoded(request.text)
    if any(kind == "word" and value.upper() == "DEFINE" for kind, value in endpoint_scan.tokens(text)):
        # Not SPARQL, but Virtuoso's pragmas ("define input:default-graph-uri <...>"), which would choose
        # the dataset: refused, as Oxigraph's parser would refuse them.
        return ("error", "syntax", "DEFINE is not SPARQL: this endpoint takes SPARQL 1.1 queries only")
    if refused := endpoint_scan.virtuoso_sql(text):  # on every remote store: it could be a Virtuoso
        return ("error", "syntax", refused)
    params = embargo.public_dataset(store, request.text, request.default_graphs, request.named_graphs)
    text = endpoint_scan.without_dataset(text)
    # A SELECT without a LIMIT of its own: a server that computes the whole answer before it sends any
    # (Virtuoso) would go on to its time limit; one row over the limit says that rows were left out. On a
    # line of its own (after any comment), as the embedded store's workers do.
    limited = text + f"\nLIMIT {job['row_limit'] + 1}\n" if job.get("limit_appendable") else text
    try:
        try:
            answer = _ask(store, limited, reading.kind, params, seconds, job)
        except QuerySyntaxError:
            if limited is text:
                raise
            # The text did not take the LIMIT after all: run it as it came (its own error says why).
            answer = _ask(store, text, reading.kind, params, seconds, job)
    except StoreTimeout:
        raise QueryTimeout(seconds) from None
    if answer[0] == "ok":
        answer[1]["seconds"] = time.perf_counter() - started
    return answer


def _ask(store, text: str, kind: str | None, params: dict, seconds: float, job: dict) -> tuple:
    with store.stream(text, ACCEPT[kind], params, seconds) as response:
        return _read(response, job)


def _read(response, job: dict) -> tuple:
    media_type = response.headers.get_content_type()
    limit = job["row_limit"]
    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    if results_format is not None:
        results = ox.parse_query_results(response, format=results_format)
        kind = "ask" if isinstance(results, ox.QueryBoolean) else "select"
    else:
        kind = "graph"
    format = job["formats"]["graph" if kind == "graph" else "select"]
    if format is None:
        return ("error", "not-acceptable", kind)
    truncated, count = False, 1
    if kind == "ask":
        body = write_boolean(bool(results), format)
    elif kind == "select":
        variables = [v.value for v in results.variables]
        rows = [tuple(solution) for solution in itertools.islice(results, limit + 1)]
        truncated, rows = len(rows) > limit, rows[:limit]
        body, count = write_select(variables, rows, format, truncated), len(rows)
    else:
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise StoreError(f"the SPARQL store answered a graph as {media_type}, which claimkb does not read")
        triples = [quad.triple for quad in itertools.islice(ox.parse(response, format=rdf_format), limit + 1)]
        truncated, triples = len(triples) > limit, triples[:limit]
        body, count = write_graph(triples, format, job.get("prefixes") or {}, truncated), len(triples)
    return ("ok", {"kind": kind, "format": format, "media_type": FORMATS[format][0], "truncated": truncated,
                   "count": count}, body)


def dump(store, format: str, graph=None) -> bytes:
    """The public dumps of a remote store (:func:`kb.embargo.remote_dump`)."""
    return embargo.remote_dump(store, format, graph)
