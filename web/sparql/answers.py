"""A query request's answer, or the error it met, as a response in a results or RDF format (never HTML).

Werkzeug types only, no Flask context: the Flask view and the direct path (``web.sparql.direct``) both
answer through :func:`answer`, so a query gets the same bytes and headers either way.
"""
from werkzeug.wrappers import Request, Response

from kb.endpoint import QueryRequest
from web.sparql import errors, protocol

EXPOSED = "X-SPARQL-Truncated, X-SPARQL-Row-Limit, X-SPARQL-Time-Limit, Server-Timing, Content-Disposition"


def answer(request: Request, state: dict, text: str, formats: dict) -> Response:
    """Run ``text`` (the request's query) and answer it, or say why not."""
    settings, endpoint = state["settings"], state["endpoint"]
    try:
        default_graphs, named_graphs = protocol.graphs(request)
        seconds = protocol.seconds(request, settings["SPARQL_TIME_LIMIT"])
        result = endpoint.run(QueryRequest(text, formats, seconds, default_graphs, named_graphs))
    except errors.HANDLED as error:
        return error_response(error)
    response = Response(result.body, content_type=with_charset(result.media_type))
    response.headers["X-SPARQL-Truncated"] = "true" if result.truncated else "false"
    response.headers["X-SPARQL-Row-Limit"] = str(settings["SPARQL_ROW_LIMIT"])
    response.headers["X-SPARQL-Time-Limit"] = f"{seconds:g}"
    response.headers["Server-Timing"] = server_timing(result)
    if request.values.get("download"):
        response.headers["Content-Disposition"] = f'attachment; filename="results.{result.format}"'
    return cors(response)


def server_timing(result) -> str:
    """The endpoint's wall time (``query``: queue, worker round trip, query, writing), and the CPU time of
    the query worker (``worker-cpu``: the query in Oxigraph and the writing; ``write-cpu``: rows written
    in Python), so that a request's cost splits between the web process and the worker."""
    timing = [f"query;dur={result.seconds * 1000:.1f}"]
    if result.worker_cpu is not None:
        timing.append(f"worker-cpu;dur={result.worker_cpu * 1000:.2f}")
        timing.append(f"write-cpu;dur={result.write_cpu * 1000:.2f}")
    return ", ".join(timing)


def error_response(error: Exception) -> Response:
    status = errors.status(error)
    response = Response(f"{errors.TITLES.get(status, 'Error')}: {error}\n", status=status, mimetype="text/plain")
    response.headers.update(errors.headers(error))
    return cors(response)


def with_charset(media_type: str) -> str:
    return media_type if media_type.endswith("json") else f"{media_type}; charset=utf-8"


def cors(response: Response) -> Response:
    """Any web page may query (YASGUI): the endpoint is public, read-only and uses no cookies."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    if "Vary" in response.headers:
        response.vary.add("Accept")
    else:  # a new answer: no header to parse
        response.headers["Vary"] = "Accept"
    return response
