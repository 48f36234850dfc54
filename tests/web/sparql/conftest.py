"""A real ``claimkb serve`` on a copy of the shipped KB, real HTTP, and a canary that must hear nothing."""
import json
import os
import shutil
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import serve, stop_server

CLAIMS = 42  # claims in the shipped KB's current view
COUNT_CLAIMS = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a <http://schema.org/Claim> }"


@dataclass
class Server:
    url: str
    pid: int
    directory: Path

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"


@dataclass
class Reply:
    status: int
    headers: Message  # names case-insensitive, as in HTTP (waitress sends X-Sparql-Truncated)
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)


def start_server(directory: Path, *options: str) -> tuple[subprocess.Popen, Server]:
    """``options``: more flags of ``claimkb serve``."""
    process, url = serve(directory, *options)
    return process, Server(url, process.pid, directory)


@pytest.fixture(scope="session")
def server(shipped_dir, tmp_path_factory):
    """One server for the read-only tests (nothing they send may change the KB)."""
    directory = tmp_path_factory.mktemp("sparql") / "store"
    shutil.copytree(shipped_dir, directory)
    process, server = start_server(directory)
    yield server
    stop_server(process)


@pytest.fixture
def own_server(data_dir):
    """A server of its own, for tests that write or stop it."""
    process, server = start_server(data_dir)
    yield process, server
    if process.poll() is None:
        stop_server(process)


def http(url: str, method: str = "GET", data: bytes | str | None = None, headers: dict | None = None,
         timeout: float = 60) -> Reply:
    if isinstance(data, str):
        data = data.encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())


def get(server: Server, query: str | None = None, headers: dict | None = None, **params) -> Reply:
    if query is not None:
        params["query"] = query
    return http(server.sparql + ("?" + urllib.parse.urlencode(params, doseq=True) if params else ""),
                headers=headers)


def post_form(server: Server, headers: dict | None = None, **params) -> Reply:
    return http(server.sparql, "POST", urllib.parse.urlencode(params, doseq=True),
                {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})


def post_query(server: Server, query: str, headers: dict | None = None, params: dict | None = None) -> Reply:
    url = server.sparql + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    return http(url, "POST", query, {"Content-Type": "application/sparql-query", **(headers or {})})


def count_claims(server: Server) -> int:
    reply = get(server, COUNT_CLAIMS, {"Accept": "application/sparql-results+json"})
    assert reply.status == 200, reply.text
    return int(reply.json()["results"]["bindings"][0]["n"]["value"])


class Canary:
    """A local HTTP server that records every request it receives."""

    def __init__(self):
        self.requests: list[str] = []
        canary = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                canary.requests.append(f"{self.command} {self.path}")
                body = b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n"
                self.send_response(200)
                self.send_header("Content-Type", "application/n-triples")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_HEAD = do_GET

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def canary():
    canary = Canary()
    yield canary
    canary.close()


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
