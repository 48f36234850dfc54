"""The endpoints ``claimkb`` commands use while a server holds the store (``/_kb/query``, ``/_kb/update``).

They accept any SPARQL, updates included, so they answer only a bearer token that the server wrote
into its data directory (``server.json``, readable by its owner only) and only on loopback.
"""
import hmac
import json

from flask import Blueprint, Response, abort, current_app, g, request
from werkzeug.exceptions import HTTPException

from kb.output import json_term
from kb.store import QuerySyntaxError

blueprint = Blueprint("internal", __name__, url_prefix="/_kb")


@blueprint.before_request
def require_token():
    expected = current_app.config["INTERNAL_TOKEN"]
    given = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if request.remote_addr not in ("127.0.0.1", "::1") or not hmac.compare_digest(given, expected):
        abort(403)


@blueprint.errorhandler(HTTPException)
def as_text(error):
    """Errors as plain text, the reason alone (a full disk, a conflict): the command prints it as it is."""
    return Response(f"{error.description}\n", status=error.code, mimetype="text/plain")


@blueprint.post("/query")
def query():
    try:
        result = g.kb.query(request.get_data(as_text=True))
    except QuerySyntaxError as error:
        return Response(str(error), status=400, mimetype="text/plain")
    if result.kind == "graph":
        return Response(result.graph.serialize(format="nt"), mimetype="application/n-triples")
    if result.kind == "ask":
        body = {"head": {}, "boolean": result.boolean}
    else:
        body = {"head": {"vars": result.variables},
                "results": {"bindings": [{k: json_term(v) for k, v in row.items()} for row in result.rows]}}
    return Response(json.dumps(body), mimetype="application/sparql-results+json")


@blueprint.post("/update")
def update():
    try:
        with g.kb.write_lock:
            g.kb.store.update(request.get_data(as_text=True))
    except QuerySyntaxError as error:
        return Response(str(error), status=400, mimetype="text/plain")
    return Response(status=204)
