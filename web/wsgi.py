"""The app for a production WSGI server, configured as the ``claimkb`` commands are (docs/deploy.md):

    gunicorn --workers 4 'web.wsgi:app()'
    waitress-serve --threads 8 --call web.wsgi:app

(``claimkb serve`` runs waitress itself, with the settings of ``web/serve.py``.)

The data directory is ``CLAIMKB_STORE`` (default ``./var/store``): it holds the session key, and the
accounts file unless ``CLAIMKB_ACCOUNTS_DB`` names a PostgreSQL database (several machines need one). The
KB is the remote store of ``CLAIMKB_SPARQL_*`` when set; several worker processes need it, as the
embedded store admits one process.
"""
from kb.connect import remote_settings, store_dir
from web import create_app


def app():
    application = create_app({"STORE_DIR": store_dir(), "REMOTE": remote_settings()})
    claim_index = application.extensions["claimkb"].claim_index
    if claim_index is not None:  # the embedded store (one process): built in the background, as by claimkb serve
        claim_index.start()
    return application
