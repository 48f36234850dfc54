"""claimkb's web application: ``create_app(settings)`` builds it around one KnowledgeBase."""
from urllib.parse import unquote_to_bytes

from flask import Flask, g, request
from werkzeug.exceptions import BadRequest, Conflict, ServiceUnavailable

from kb.accounts import AccountsUnavailable
from kb.connect import open_kb
from kb.knowledgebase import WriteConflict
from kb.sparql import InvalidTerm
from kb.store import StoreError, StoreUnavailable, StoreWriteFailed
from web import headers


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
    or ``KB`` (an open KnowledgeBase, for tests); accounts (``web/auth.py``): ``ACCOUNTS_DB`` (a file or a
    postgresql:// URL; default ``CLAIMKB_ACCOUNTS_DB``, else ``STORE_DIR/accounts.sqlite3``), ``SECRET_KEY``
    (default: ``STORE_DIR/secret_key``), ``SESSION_COOKIE_SECURE`` (default True); ``MAX_CONTENT_LENGTH``
    (bytes of a request body, default 8 MiB: larger ones get 413 before they are read; the SPARQL endpoint
    has its own, lower limit)."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.config.update(settings)
    kb = settings.get("KB") or open_kb(settings["STORE_DIR"], remote=settings.get("REMOTE"))
    app.extensions["claimkb"] = kb

    @app.before_request
    def attach_kb():
        g.kb = kb

    app.before_request(require_utf8)
    app.after_request(headers.add)

    @app.errorhandler(InvalidTerm)
    def invalid_term(error):
        """A value from the request that cannot be an IRI (a quote, a newline, no scheme): the request's
        fault, and nothing ran. Each blueprint's own error page or problem document says so."""
        return app.handle_http_exception(BadRequest(str(error)))

    @app.errorhandler(WriteConflict)
    def write_conflict(error):
        """Someone else changed the same thing first: their change stays, this one is not written."""
        return app.handle_http_exception(Conflict(str(error)))

    @app.errorhandler(StoreWriteFailed)
    def store_write_failed(_error):
        """Disk full or a read-only store: the server's state, not the request's; reads still work."""
        return app.handle_http_exception(ServiceUnavailable(
            "The knowledge base cannot write to its store (disk full or read-only); nothing was written. "
            "The administrator must free disk space or make the store writable; then writes work again, "
            "without a restart."))

    @app.errorhandler(StoreError)
    def store_error(_error):
        """The store cannot answer (a snapshot on a full disk, a remote store away): the server's state."""
        return app.handle_http_exception(ServiceUnavailable(
            "The knowledge base's store cannot answer right now; nothing was written. Try again later."))

    @app.errorhandler(StoreUnavailable)
    def store_unavailable(_error):
        """The remote SPARQL store is away (stopped, restarting, unreachable). The next request that finds
        it back works: nothing here holds a broken connection, so no restart is needed."""
        return app.handle_http_exception(ServiceUnavailable(
            "The knowledge base's SPARQL store is unavailable (it cannot be reached); nothing was read or "
            "written. Try again in a moment; the administrator must start the store again.", retry_after=30))

    @app.errorhandler(AccountsUnavailable)
    def accounts_unavailable(_error):
        """The accounts database cannot be opened or written: the file ``DIR/accounts.sqlite3`` on a full
        disk, in a read-only directory, or locked too long by a ``claimkb user`` command; or a PostgreSQL
        server that is away. The next request that finds it back works: no restart is needed."""
        return app.handle_http_exception(ServiceUnavailable(
            "The accounts database cannot be used right now (disk full, read-only, busy, or its server "
            "unreachable); nothing was written. Try again later; the administrator must free disk space, "
            "make the data directory writable, or start the accounts database again."))

    from web import annotate, api, auth, browse, internal, sparql
    app.register_blueprint(browse.blueprint)
    app.register_blueprint(sparql.blueprint)
    auth.init_app(app, settings)
    app.register_blueprint(annotate.blueprint)
    app.register_blueprint(api.blueprint)
    if settings.get("INTERNAL_TOKEN"):
        app.register_blueprint(internal.blueprint)
    return app
