"""The HTTP server of ``claimkb serve`` (waitress, web/serve.py), over real HTTP: how it stops, what it
says of itself, what it keeps open, and which request sizes it leaves to the app."""
import http.client
import json
import signal
import subprocess
import threading
import time
from urllib.parse import urlencode, urlsplit

import pytest

from tests.conftest import serve, stop_server


@pytest.fixture
def server(data_dir):
    process, url = serve(data_dir)
    yield process, url
    if process.poll() is None:
        stop_server(process)


def connect(url: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)


def test_sigterm_stops_the_server_as_ctrl_c_does(server, data_dir):
    """``kill``, systemd and supervisors stop a server with SIGTERM: it must not leave ``server.json``
    behind (the other commands would then talk to a server that is gone)."""
    process, _url = server
    process.send_signal(signal.SIGTERM)
    try:
        assert process.wait(timeout=30) == 0
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("the server did not stop on SIGTERM")
    assert not (data_dir / "server.json").exists()


def test_ctrl_c_stops_the_server_without_waiting_for_a_runaway_query(data_dir):
    """A request still running gets a few seconds, then the server stops anyway (here the query's own time
    limit is two minutes, past the wait below), removes server.json and closes the store."""
    from tests.web.sparql.test_limits import RUNAWAY
    process, url = serve(data_dir, "--sparql-time-limit", "120")
    answered = {}

    def ask():
        connection = connect(url)
        try:
            connection.request("POST", "/sparql", body=urlencode({"query": RUNAWAY}),
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
            answered["status"] = connection.getresponse().status
        except OSError as error:  # the server closed the connection as it stopped
            answered["error"] = error
    client = threading.Thread(target=ask, daemon=True)
    client.start()
    time.sleep(2)  # the query is with a worker
    assert client.is_alive() and not answered
    stop_server(process)  # fails unless it stopped within 30 s
    assert process.returncode == 0
    assert not (data_dir / "server.json").exists()


def test_sigint_stops_a_server_started_with_sigint_ignored(data_dir):
    """A non-interactive shell starts a background job (``claimkb serve &``) with SIGINT ignored, and
    Python then keeps it ignored: ``kill -INT`` did nothing to such a server."""
    process, _url = serve(data_dir, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    stop_server(process)
    assert process.returncode == 0
    assert not (data_dir / "server.json").exists()


def test_sigusr1_writes_the_stacks_of_a_server_that_keeps_serving(server):
    """How to see where a server that seems stuck is: ``kill -USR1 PID``, then read its log."""
    process, url = server
    process.send_signal(signal.SIGUSR1)
    deadline = time.time() + 10
    while "most recent call first" not in process.log.read_text() and time.time() < deadline:
        time.sleep(0.1)
    log = process.log.read_text()
    assert "most recent call first" in log and "web/serve.py" in log
    connection = connect(url)
    connection.request("GET", "/")
    assert connection.getresponse().status == 200


def test_the_server_does_not_say_what_it_is(server):
    connection = connect(server[1])
    connection.request("GET", "/")
    reply = connection.getresponse()
    reply.read()
    assert reply.status == 200
    assert reply.getheader("Server") is None  # werkzeug said "Werkzeug/3.1.9 Python/3.11.7"


def test_a_connection_serves_several_requests(server):
    """Keep-alive: a SPARQL client's next query does not pay for a new connection."""
    connection = connect(server[1])
    for _ in range(3):
        connection.request("GET", "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D",
                           headers={"Accept": "application/sparql-results+json"})
        reply = connection.getresponse()
        assert reply.status == 200 and json.loads(reply.read())["boolean"] is True
        assert reply.getheader("Connection", "").lower() != "close"
    assert connection.sock is not None  # still the first connection


def test_a_body_over_the_apps_limit_gets_the_apps_413(server):
    """The app's limit (8 MiB) is below the server's: the app answers, with its problem document and its
    headers, not the server's plain text."""
    connection = connect(server[1])
    connection.request("POST", "/annotations/", body=b"x" * (9 * 2 ** 20),
                       headers={"Content-Type": "application/ld+json"})
    reply = connection.getresponse()
    body = reply.read()
    assert reply.status == 413
    assert reply.getheader("Content-Type") == "application/problem+json"
    assert json.loads(body)["status"] == 413
    assert reply.getheader("X-Content-Type-Options") == "nosniff"
