"""claimkb's web application: ``create_app(settings)`` builds it around one KnowledgeBase."""
from urllib.parse import unquote_to_bytes

from flask import Flask, g, request
from werkzeug.exceptions import BadRequest

from kb.connect import open_kb
from kb.sparql import InvalidTerm


MAX_BODY = 8 * 1024 * 1024


def require_utf8():
    """Query strings and form bodies must be UTF-8 (as HTML forms send them). Werkzeug would keep bytes
    that are not as percent-escapes in the text (``caf%E9``), so a Latin-1 form would be stored garbled."""
    parts = [request.query_string]
    if request.mimetype == "application/x-www-form-urlencoded":
        parts.append(request.get_data(cache=True))
    for part in parts:
        try:
            unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("The request is not UTF-8: send the form or the query parameters "
                             "encoded in UTF-8.") from None


def create_app(settings: dict) -> Flask:
    """settings: ``STORE_DIR`` (data directory), ``REMOTE`` (remote endpoint settings, optional),
    ``INTERNAL_TOKEN`` (enables the ``/_kb/`` endpoints that the CLI uses while the server runs),
    or ``KB`` (an open KnowledgeBase, for tests); accounts (``web/auth.py``): ``ACCOUNTS_DB`` (default
    ``STORE_DIR/accounts.sqlite3``), ``SECRET_KEY`` (default: ``STORE_DIR/secret_key``),
    ``SESSION_COOKIE_SECURE`` (default True); ``MAX_CONTENT_LENGTH`` (bytes of a request body, default
    8 MiB: larger ones get 413 before they are read; the SPARQL endpoint has its own, lower limit)."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.config.update(settings)
    kb = settings.get("KB") or open_kb(settings["STORE_DIR"], remote=settings.get("REMOTE"))
    app.extensions["claimkb"] = kb

    @app.before_request
    def attach_kb():
        g.kb = kb

    app.before_request(require_utf8)

    @app.errorhandler(InvalidTerm)
    def invalid_term(error):
        """A value from the request that cannot be an IRI (a quote, a newline, no scheme): the request's
        fault, and nothing ran. Each blueprint's own error page or problem document says so."""
        return app.handle_http_exception(BadRequest(str(error)))

    from web import annotate, api, auth, browse, internal, sparql
    app.register_blueprint(browse.blueprint)
    app.register_blueprint(sparql.blueprint)
    auth.init_app(app, settings)
    app.register_blueprint(annotate.blueprint)
    app.register_blueprint(api.blueprint)
    if settings.get("INTERNAL_TOKEN"):
        app.register_blueprint(internal.blueprint)
    return app
