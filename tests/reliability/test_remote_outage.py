"""The remote store going away and coming back, over real HTTP: a real ``claimkb serve`` on a real Oxigraph
server, which the test stops and starts again on the same port and directory. While it is away, pages
answer 503 with a message (HTML, problem JSON for the annotation API, the SPARQL endpoint's own error)
and the command line says what to do; once it is back, the same server answers again, unrestarted."""
import os
import shutil
import subprocess
import sys

import pytest

from tests.backends.oxigraph import OxigraphServer
from tests.conftest import ROOT, serve
from tests.kb.test_cli import GOOD
from tests.reliability.client import Client
from tests.reliability.conftest import stop_server

ASK = "/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"


@pytest.fixture
def store(shipped_dir, tmp_path):
    directory = tmp_path / "store"
    shutil.copytree(shipped_dir, directory)
    server = OxigraphServer(directory / "oxigraph")
    yield directory, server
    server.stop()


def environment(oxigraph: OxigraphServer) -> dict:
    return {**os.environ, "CLAIMKB_SPARQL_QUERY": oxigraph.remote["query"],
            "CLAIMKB_SPARQL_UPDATE": oxigraph.remote["update"]}


@pytest.fixture
def app_server(store):
    directory, oxigraph = store
    process, url = serve(directory, env=environment(oxigraph))
    yield Client(url), oxigraph
    stop_server(process)


def test_pages_answer_503_while_the_store_is_away_and_recover_when_it_returns(app_server):
    client, oxigraph = app_server
    assert client.get("/claims", headers={"Accept": "text/html"}).status == 200
    assert client.get("/annotations/").status == 200

    oxigraph.stop()
    page = client.get("/claims", headers={"Accept": "text/html"})
    assert page.status == 503, page
    assert page.header("Content-Type").startswith("text/html")
    assert "SPARQL store is unavailable" in page.text
    problem = client.get("/annotations/")
    assert problem.status == 503, problem
    assert problem.header("Content-Type") == "application/problem+json"
    assert "SPARQL store is unavailable" in problem.json()["detail"]
    endpoint = client.get(ASK, headers={"Accept": "application/sparql-results+json"})
    assert endpoint.status == 503, endpoint

    oxigraph.start()  # same port, same directory: what an operator restarting the store does
    assert client.get("/claims", headers={"Accept": "text/html"}).status == 200
    assert client.get("/annotations/").status == 200
    answer = client.get(ASK, headers={"Accept": "application/sparql-results+json"})
    assert answer.status == 200 and answer.json()["boolean"] is True


def test_a_write_while_the_store_is_away_is_refused_whole_and_can_be_redone(store):
    directory, oxigraph = store
    path = directory.parent / "claim.trig"
    path.write_text(GOOD, encoding="utf-8")
    oxigraph.stop()
    run = [sys.executable, "-m", "kb.cli", "load", str(path), "--store", str(directory)]
    refused = subprocess.run(run, cwd=ROOT, env=environment(oxigraph), capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2, refused.stderr
    assert "cannot reach the SPARQL store" in refused.stderr and "is it running?" in refused.stderr
    assert "Traceback" not in refused.stderr
    oxigraph.start()
    done = subprocess.run(run, cwd=ROOT, env=environment(oxigraph), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "loaded 5 triples in 1 unit" in done.stderr
