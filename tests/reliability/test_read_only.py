"""A store made read-only under a running server: on the embedded store, its directory's modes taken
away (the server runs without root's permission to ignore them: a remount read-only is refused by Linux
while RocksDB holds its files open for writing); on a remote store (``CLAIMKB_TEST_BACKEND=oxigraph``),
the SPARQL server restarted read-only (``oxigraph serve-read-only``: updates answer 403). A write then
gets a 503 with the reason, nothing is lost or half-written, reads go on, and once the store is
writable again the same server takes writes, with no restart."""
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import backends
from tests.backends.oxigraph import OXIGRAPH
from tests.conftest import ROOT, run_cli, stop_server
from tests.reliability.conftest import Server, add_accounts, note, unit_problems
from tests.reliability.client import Client
from tests.reliability.test_faults import PERSON, no_traceback

# Root ignores file modes (CAP_DAC_OVERRIDE): the server runs without that capability, as any other user.
WITHOUT_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


def serve(directory: Path) -> tuple[subprocess.Popen, str]:
    """``claimkb serve`` as :func:`tests.conftest.serve` starts it, bound by the store's file modes."""
    prefix = WITHOUT_OVERRIDE if os.geteuid() == 0 and not backends.REMOTE else []
    if prefix and shutil.which("setpriv") is None:
        pytest.skip("setpriv is needed to run the server without root's file-mode override")
    log = directory.parent / "server.log"
    with log.open("w") as output:
        process = subprocess.Popen([*prefix, sys.executable, "-m", "kb.cli", "serve", "--port", "0", "--store",
                                    str(directory)], cwd=ROOT, env=backends.env_for(directory),
                                   stdout=output, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while not (directory / "server.json").exists():
        if process.poll() is not None or time.time() > deadline:
            process.kill()
            pytest.fail(f"the server did not start: {log.read_text()}")
        time.sleep(0.1)
    return process, json.loads((directory / "server.json").read_text())["url"]


@contextmanager
def read_only(directory: Path):
    """The store refuses writes while inside; writable again after."""
    if backends.REMOTE:
        server = backends._servers[directory.resolve()]
        server.stop()
        refusing = subprocess.Popen([OXIGRAPH, "serve-read-only", "--location", str(server.location), "--bind",
                                     f"127.0.0.1:{server.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(server.url)
            yield
        finally:
            refusing.terminate()
            refusing.wait(timeout=10)
            server.start()
    else:
        store = directory / "oxigraph"
        store.chmod(0o555)
        try:
            yield
        finally:
            store.chmod(0o755)


def wait_for(url: str):
    deadline = time.time() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).close()
            return
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.05)


def dataset(directory: Path) -> set:
    """Every quad of the store, drafts and provenance included (``claimkb export`` through the server)."""
    import pyoxigraph as ox
    result = run_cli("export", "--format", "nq", store=directory)
    assert result.returncode == 0, result.stderr
    return set(ox.parse(result.stdout.encode(), format=ox.RdfFormat.N_QUADS))


def test_a_store_made_read_only_under_the_server(shipped_dir, tmp_path):
    if backends.BACKEND == "virtuoso":
        pytest.skip("a read-only Virtuoso is not simulated")
    directory = tmp_path / "store"
    shutil.copytree(shipped_dir, directory)
    tokens = add_accounts(directory, {"anna": "annotator"}, ("anna",))
    process, url = serve(directory)
    try:
        server = Server(url, directory)
        writer = Client(url, token=tokens["anna"])
        assert writer.post("/annotations/", json=note("before it was read-only")).status == 201
        form = server.client("anna")
        csrf = form.csrf()
        public = server.dump()
        # a write that the SPARQL endpoint has not copied yet (embedded: the copy needs a writable store)
        assert writer.post("/annotations/", json=note("just before it was read-only")).status == 201
        before = dataset(directory)
        person = tmp_path / "person.ttl"
        person.write_text(PERSON)
        with read_only(directory):
            for value in ("a note on a read-only store", "x" * 200_000):
                reply = writer.post("/annotations/", json=note(value))
                assert reply.status == 503, reply
                detail = reply.json()["detail"]
                assert "read-only" in detail or "writable" in detail, reply
                assert "nothing was written" in detail, reply
                no_traceback(reply.text)
            reply = form.post("/annotate/sources/new", form={"csrf_token": csrf, "headline": "Read-only",
                                                             "language": "fr", "text": "Un texte.",
                                                             "new_publisher": "P"})
            assert reply.status == 503 and "nothing was written" in reply.text, reply
            no_traceback(reply.text)
            result = run_cli("load", str(person), store=directory)  # through the running server
            assert result.returncode == 2 and ("read-only" in result.stderr or "writable" in result.stderr), result
            no_traceback(result.stderr)
            # reads go on: pages, the SPARQL endpoint, the dumps
            reader = Client(url)
            for path in ("/claims", "/claim/sora-still-in-research-phase", "/dumps/claimkb.nq",
                         "/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D"):
                reply = reader.get(path, headers={"Accept": "application/sparql-results+json"}
                                   if path.startswith("/sparql") else {})
                assert reply.status == 200, (path, reply)
            dump = server.dump()  # embedded: the endpoint's last copy; remote: the store itself
            assert (b"just before it was read-only" in dump) if backends.REMOTE else (dump == public)
            assert dataset(directory) == before  # nothing written, nothing lost
        # writable again: the same server takes writes
        reply = writer.post("/annotations/", json=note("once it was writable again"))
        assert reply.status == 201, reply
        assert run_cli("load", str(person), store=directory).returncode == 0
        after = dataset(directory)
        assert before <= after and unit_problems(after) == []
        assert "once it was writable again" in server.dump().decode()
        assert "just before it was read-only" in server.dump().decode()
    finally:
        stop_server(process)


def test_a_command_on_a_read_only_remote_store_says_so(shipped_dir, tmp_path):
    """No server running: ``claimkb load`` writes to the remote store itself, which refuses (403)."""
    if backends.BACKEND != "oxigraph":
        pytest.skip("a remote store that refuses updates is simulated with oxigraph serve-read-only")
    directory = tmp_path / "store"
    shutil.copytree(shipped_dir, directory)
    before = dataset(directory)
    person = tmp_path / "person.ttl"
    person.write_text(PERSON)
    with read_only(directory):
        result = run_cli("load", str(person), store=directory)
        assert result.returncode == 2, result
        assert "read-only" in result.stderr and "nothing was written" in result.stderr, result.stderr
        no_traceback(result.stderr)
        assert dataset(directory) == before
    assert run_cli("load", str(person), store=directory).returncode == 0  # writable again
    assert before < dataset(directory)
