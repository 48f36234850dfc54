"""The researchers' SPARQL endpoint: W3C SPARQL 1.1 Protocol at ``/sparql``, the workbench page, the
VoID description (``/.well-known/void``) and the dumps (``/dumps/claimkb.nq``, ``/dumps/claimkb.ttl``).

Queries run through :class:`kb.endpoint.Endpoint` (read-only, local, time- and row-limited); the
request is read by ``protocol``, answered by ``answers``, errors are mapped to statuses by ``errors``,
pages are drawn by ``workbench``; a SPARQL client's query is answered by ``direct``, in front of Flask's
per-request work, and everything else by the views below. Settings: :data:`kb.endpoint.SETTINGS` (``SPARQL_TIME_LIMIT``, ``SPARQL_ROW_LIMIT``,
``SPARQL_MAX_QUERY_BYTES``, ``SPARQL_WORKERS``), read from the app's config.
"""
import threading

from flask import Blueprint, Response, current_app, request

from kb.endpoint import Endpoint, QueryRequest, settings_from
from kb.endpoint_describe import Figures, service_description, void
from web.sparql import answers, errors, protocol, workbench
from web.sparql.direct import DirectQueries

blueprint = Blueprint("sparql", __name__)
DESCRIPTION_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/json": "json-ld",
                     "application/rdf+xml": "xml", "application/n-triples": "nt", "text/plain": "nt"}
DUMPS = {"claimkb.nq": ("nq", None, "application/n-quads"), "claimkb.ttl": ("ttl", "default", "text/turtle")}


@blueprint.record_once
def setup(state):
    app = state.app
    settings = settings_from(app.config)
    kb = app.extensions["claimkb"]
    endpoint = Endpoint(kb, settings)
    sparql_state = {"endpoint": endpoint, "figures": Figures(kb, endpoint), "settings": settings}
    app.extensions["sparql"] = sparql_state
    # SPARQL clients' queries are answered before Flask's per-request work (web/sparql/direct.py).
    app.wsgi_app = DirectQueries(app.wsgi_app, sparql_state, lambda: _warm_up(sparql_state))


@blueprint.before_request
def warm_up():
    _warm_up(_state())


def _warm_up(state: dict):
    """On the first request to the endpoint (often the workbench page), start the query workers in the
    background (about 0.5 s). Not on the app's first request: apps that never serve SPARQL start none."""
    if not state.get("warming"):
        state["warming"] = True
        threading.Thread(target=state["endpoint"].warm_up, daemon=True).start()


def _state() -> dict:
    return current_app.extensions["sparql"]


def _root() -> str:
    return request.url_root.rstrip("/")


@blueprint.before_request
def limit_body():
    request.max_content_length = protocol.body_limit(_state()["settings"]["SPARQL_MAX_QUERY_BYTES"])


@blueprint.after_request
def cors(response: Response) -> Response:
    if request.method in ("GET", "HEAD", "POST", "OPTIONS"):
        return answers.cors(response)
    response.vary.add("Accept")
    return response


@blueprint.route("/sparql", methods=["OPTIONS"])
def preflight():
    return Response(status=204, headers={"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                         "Access-Control-Allow-Headers": "Accept, Content-Type",
                                         "Access-Control-Max-Age": "86400"})


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql():
    """What the direct path leaves here: the workbench, the service description, and requests that need the
    app (a cookie, ``lang``, a protocol error); the same answers as there otherwise."""
    settings = _state()["settings"]
    html = False
    try:
        formats = protocol.formats(request)
        html = "html" in formats.values() and formats["select"] in ("html", None) \
            and formats["graph"] in ("html", None)
        text = protocol.query_text(request, settings["SPARQL_MAX_QUERY_BYTES"])
        if text is None:
            return _describe_service(html)
        if not html:
            return answers.answer(request, _state(), text, formats)
        default_graphs, named_graphs = protocol.graphs(request)
        seconds = protocol.seconds(request, settings["SPARQL_TIME_LIMIT"])
        answer = _state()["endpoint"].run(QueryRequest(text, {"select": "json", "graph": "triples-json"}, seconds,
                                                       default_graphs, named_graphs))
    except errors.HANDLED as error:
        return _error(error, html)
    return workbench.page(text, settings, answer=answer)


def _error(error: Exception, html: bool) -> Response:
    if not html:
        return answers.error_response(error)
    status = errors.status(error)
    response = workbench.page(request.values.get("query", ""), _state()["settings"], error=str(error),
                              status=status)
    response.status_code = status
    response.headers.update(errors.headers(error))
    return response


def _negotiate_description():
    best = request.accept_mimetypes.best_match(list(DESCRIPTION_TYPES)) if request.accept_mimetypes else "text/turtle"
    asked = request.args.get("format")
    if asked:
        best = {"ttl": "text/turtle", "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml",
                "nt": "application/n-triples"}.get(asked, asked)
    if best not in DESCRIPTION_TYPES:
        raise errors.NotAcceptable("description")
    return best


def _describe_service(html: bool) -> Response:
    if html:
        return workbench.page(request.args.get("query"), _state()["settings"])
    media = _negotiate_description()
    graph = service_description(_root(), _state()["figures"].get(), _state()["settings"])
    return Response(graph.serialize(format=DESCRIPTION_TYPES[media]), content_type=answers.with_charset(media))


@blueprint.get("/.well-known/void")
def void_description():
    try:
        media = _negotiate_description()
    except errors.HANDLED as error:
        return _error(error, False)
    graph = void(_root(), _state()["figures"].get())
    return Response(graph.serialize(format=DESCRIPTION_TYPES[media]), content_type=answers.with_charset(media))


@blueprint.get("/dumps/<name>")
def dump(name: str):
    if name not in DUMPS:
        return Response(f"no dump {name}; there are {', '.join(DUMPS)}\n", status=404, mimetype="text/plain")
    format, graph, media = DUMPS[name]
    body = _state()["endpoint"].dump(format, graph)  # without unpublished reviews (kb.embargo)
    return Response(body, content_type=f"{media}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
