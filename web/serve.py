"""``claimkb serve``: the app on waitress (a production WSGI server), announced in the data directory.

``server.json`` (mode 0600) tells the other ``claimkb`` commands where the server is and the token of
its ``/_kb/`` endpoints, so that they work through it while it holds the store. Ctrl-C or SIGTERM stops
the server: it removes ``server.json`` and closes the store. SIGUSR1 writes every thread's stack to its
log (a server that seems stuck says where).
"""
import faulthandler
import json
import os
import secrets
import signal
import sys
from pathlib import Path

from waitress import wasyncore
from waitress.server import create_server

from kb.connect import server_file
from kb.endpoint import settings_from
from web import create_app

# Threads that run requests, beyond one per SPARQL query worker. A request holds its thread while it
# waits: for a query worker (up to the time limit), for the write lock (writes are checked one at a time),
# for a remote store or the accounts database. 28 leave threads to pages, the API and simple queries while
# runaway queries run out their limit or 20 writers queue for the lock (tests/reliability/test_load.py's
# mix: with 12, reads waited behind writers). Waitress reads requests and writes answers without a thread
# (a slow client holds a connection, not a thread); requests beyond the threads wait in its queue.
# Werkzeug's dev server started a thread per connection, without bound.
PAGE_THREADS = 28
# Open connections, idle keep-alive ones included; more wait in the listen backlog, not refused.
CONNECTION_LIMIT = 100
# Seconds before a connection with no request in progress is closed (an idle keep-alive connection, a
# client that stopped sending halfway): it gives its place back. A request being answered, however long
# its query or its download, is never cut by this.
CHANNEL_TIMEOUT = 30


def serve(directory: Path, host: str = "127.0.0.1", port: int = 5000, remote: dict | None = None,
          settings: dict | None = None):
    """``settings``: more of the app's settings (the SPARQL endpoint's, from ``claimkb serve`` flags)."""
    token = secrets.token_urlsafe(32)
    directory.mkdir(parents=True, exist_ok=True)
    app = create_app({**(settings or {}), "STORE_DIR": directory, "REMOTE": remote, "INTERNAL_TOKEN": token})
    claim_index = app.extensions["claimkb"].claim_index
    if claim_index is not None:
        claim_index.start()  # built in the background: until then SPARQL answers the claims index
    connections: dict = {}  # waitress's sockets, which the loop below serves
    server = create_server(
        app, map=connections, host=host, port=port,
        # One address family, as werkzeug's server chose it: "localhost" would otherwise be two sockets
        # (::1 and 127.0.0.1), each on a port of its own when asked for port 0.
        ipv4=":" not in host, ipv6=":" in host,
        threads=settings_from(app.config)["SPARQL_WORKERS"] + PAGE_THREADS,
        connection_limit=CONNECTION_LIMIT, channel_timeout=CHANNEL_TIMEOUT,
        # Waitress reads a whole body before the app sees it, and refuses a larger one itself (a plain
        # text 413, without the app's headers). Above the app's own limit, so that the app answers a body
        # somewhat too large with its 413 and its message; far below waitress's 1 GiB default, which it
        # would spool to disk before the app could refuse it.
        max_request_body_size=2 * app.config["MAX_CONTENT_LENGTH"],
        # No proxy is trusted: X-Forwarded-* and Forwarded headers from clients are dropped, not believed.
        trusted_proxy=None, clear_untrusted_proxy_headers=True, url_scheme="http",
        ident="")  # no Server header: the server and its version are nobody's business
    announcement = server_file(directory)
    # Where the other commands reach it: waitress's IPv6 socket takes no IPv4 (IPV6_V6ONLY).
    loopback = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(host, f"[{host}]" if ":" in host else host)
    stop = _stop_on_signals(server)
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    try:
        # Written whole, then renamed: whoever sees the file can read all of it.
        partial = announcement.with_suffix(".json.tmp")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            json.dump({"url": f"http://{loopback}:{server.effective_port}", "token": token, "pid": os.getpid()},
                      out)
        os.replace(partial, announcement)
        print(f"claimkb: serving {directory} on http://{host}:{server.effective_port}/ (Ctrl-C to stop)",
              file=sys.stderr, flush=True)
        while connections and not stop:
            wasyncore.loop(timeout=server.adj.asyncore_loop_timeout, map=connections,
                           use_poll=server.adj.asyncore_use_poll, count=1)
    except KeyboardInterrupt:
        pass  # a second Ctrl-C
    finally:
        server.task_dispatcher.shutdown()  # the requests in progress get 5 s to end
        server.close()
        wasyncore.close_all(connections)
        announcement.unlink(missing_ok=True)
        app.extensions["claimkb"].close()


def _stop_on_signals(server) -> list:
    """Ctrl-C (SIGINT) and SIGTERM (kill, systemd, docker stop) stop the server: the handler notes the
    signal and wakes the loop, which ends at its next turn. Python's default for SIGINT raises
    KeyboardInterrupt wherever the main thread is, which could be inside waitress while it holds the lock
    its shutdown then waits for (servers were seen not to stop); SIGTERM's default ends the process at once,
    leaving server.json behind and the store open. A second signal interrupts a slow stop."""
    received = []

    def handle(signum, frame):
        if received:
            raise KeyboardInterrupt
        received.append(signum)
        server.pull_trigger()  # a byte down a pipe: safe in a handler, and wakes waitress's poll
    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)
    return received
