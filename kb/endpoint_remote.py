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

from kb import embargo
from kb.endpoint_pool import QueryTimeout
from kb.endpoint_results import FORMATS, write_boolean, write_graph, write_select
from kb.store import StoreError, StoreTimeout

ACCEPT = ("application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
          "application/rdf+xml;q=0.5")


def run(store, request, job: dict, seconds: float) -> tuple:
    """``("ok", info, body)`` or ``("error", "not-acceptable", kind)``, as a query worker answers."""
    started = time.perf_counter()
    params = embargo.public_dataset(store, request.text, request.default_graphs, request.named_graphs)
    try:
        with store.stream(request.text, ACCEPT, params, seconds) as response:
            answer = _read(response, job)
    except StoreTimeout:
        raise QueryTimeout(seconds) from None
    if answer[0] == "ok":
        answer[1]["seconds"] = time.perf_counter() - started
    return answer


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
