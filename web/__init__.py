"""claimkb's web application: ``create_app(settings)`` builds it around one KnowledgeBase."""
from flask import Flask, g

from kb.connect import open_kb


def create_app(settings: dict) -> Flask:
    """settings: ``STORE_DIR`` (data directory), ``REMOTE`` (remote endpoint settings, optional),
    ``INTERNAL_TOKEN`` (enables the ``/_kb/`` endpoints that the CLI uses while the server runs),
    or ``KB`` (an open KnowledgeBase, for tests); accounts (``web/auth.py``): ``ACCOUNTS_DB`` (default
    ``STORE_DIR/accounts.sqlite3``), ``SECRET_KEY`` (default: ``STORE_DIR/secret_key``),
    ``SESSION_COOKIE_SECURE`` (default True)."""
    app = Flask(__name__)
    app.config.update(settings)
    kb = settings.get("KB") or open_kb(settings["STORE_DIR"], remote=settings.get("REMOTE"))
    app.extensions["claimkb"] = kb

    @app.before_request
    def attach_kb():
        g.kb = kb

    from web import annotate, api, auth, browse, internal, sparql
    app.register_blueprint(browse.blueprint)
    app.register_blueprint(sparql.blueprint)
    auth.init_app(app, settings)
    app.register_blueprint(annotate.blueprint)
    app.register_blueprint(api.blueprint)
    if settings.get("INTERNAL_TOKEN"):
        app.register_blueprint(internal.blueprint)
    return app
