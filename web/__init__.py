"""claimkb's web application: ``create_app(settings)`` builds it around one KnowledgeBase."""
from flask import Flask, g

from kb.connect import open_kb


def create_app(settings: dict) -> Flask:
    """settings: ``STORE_DIR`` (data directory), ``REMOTE`` (remote endpoint settings, optional),
    ``INTERNAL_TOKEN`` (enables the ``/_kb/`` endpoints that the CLI uses while the server runs),
    or ``KB`` (an open KnowledgeBase, for tests)."""
    app = Flask(__name__)
    app.config.update(settings)
    kb = settings.get("KB") or open_kb(settings["STORE_DIR"], remote=settings.get("REMOTE"))
    app.extensions["claimkb"] = kb

    @app.before_request
    def attach_kb():
        g.kb = kb

    from web import browse, internal, sparql
    app.register_blueprint(browse.blueprint)
    app.register_blueprint(sparql.blueprint)
    if settings.get("INTERNAL_TOKEN"):
        app.register_blueprint(internal.blueprint)
    return app
