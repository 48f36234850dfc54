"""``claimkb serve``: the app on a threaded WSGI server, announced in the data directory.

``server.json`` (mode 0600) tells the other ``claimkb`` commands where the server is and the token of
its ``/_kb/`` endpoints, so that they work through it while it holds the store.
"""
import json
import os
import secrets
import sys
from pathlib import Path

from werkzeug.serving import make_server

from kb.connect import server_file
from web import create_app


def serve(directory: Path, host: str = "127.0.0.1", port: int = 5000, remote: dict | None = None,
          settings: dict | None = None):
    """``settings``: more of the app's settings (the SPARQL endpoint's, from ``claimkb serve`` flags)."""
    token = secrets.token_urlsafe(32)
    directory.mkdir(parents=True, exist_ok=True)
    app = create_app({**(settings or {}), "STORE_DIR": directory, "REMOTE": remote, "INTERNAL_TOKEN": token})
    claim_index = app.extensions["claimkb"].claim_index
    if claim_index is not None:
        claim_index.start()  # built in the background: until then SPARQL answers the claims index
    server = make_server(host, port, app, threaded=True)
    announcement = server_file(directory)
    loopback = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    # Written whole, then renamed: whoever sees the file can read all of it.
    partial = announcement.with_suffix(".json.tmp")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump({"url": f"http://{loopback}:{server.server_port}", "token": token, "pid": os.getpid()}, out)
    os.replace(partial, announcement)
    print(f"claimkb: serving {directory} on http://{host}:{server.server_port}/ (Ctrl-C to stop)",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        announcement.unlink(missing_ok=True)
        app.extensions["claimkb"].close()
