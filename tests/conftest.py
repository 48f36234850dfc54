"""Shared fixtures: real stores in temporary directories, the shipped KB loaded once per session.

With ``CLAIMKB_TEST_BACKEND=oxigraph`` (or ``virtuoso``) every KB these fixtures open, in this process or
in a ``claimkb`` subprocess, is on a real remote SPARQL server instead (see ``tests/backends``)."""
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.connect import open_kb
from tests import backends

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "kb" / "fixtures"


def pytest_collection_modifyitems(items):
    backends.skip_embedded_only(items)


@pytest.fixture(scope="session")
def shipped_dir(tmp_path_factory) -> Path:
    """A data directory holding the shipped KB, loaded once and closed: a template that tests copy, never open."""
    directory = tmp_path_factory.mktemp("shipped")
    open_kb(directory, remote={}).close()  # embedded even on a remote backend: copies of it are served
    return directory


@pytest.fixture(scope="session")
def shipped_kb(shipped_dir, tmp_path_factory):
    """The shipped KB, read-only: tests that write use ``kb``."""
    copy = tmp_path_factory.mktemp("shipped-read") / "store"
    shutil.copytree(shipped_dir, copy)
    kb = open_kb(copy, remote=backends.remote_for(copy))
    yield kb
    kb.close()


@pytest.fixture
def data_dir(shipped_dir, tmp_path, monkeypatch) -> Path:
    """A fresh data directory holding a copy of the shipped KB, for tests that write. On a remote backend
    its server runs, and the environment names it: what the test runs (``open_kb``, ``claimkb``) uses it."""
    target = tmp_path / "store"
    shutil.copytree(shipped_dir, target)
    for name, value in backends.env_for(target).items():
        if name.startswith("CLAIMKB_SPARQL_"):
            monkeypatch.setenv(name, value)
    return target


@pytest.fixture
def kb(data_dir):
    kb = open_kb(data_dir, remote=backends.remote_for(data_dir))
    yield kb
    kb.close()


@pytest.fixture(autouse=True)
def _stop_the_servers_of_each_test():
    """Remote backends: the servers a test started (its data directories') stop when it ends."""
    before = backends.started()
    yield
    for directory in backends.started() - before:
        backends.stop(directory)


@pytest.fixture(scope="session", autouse=True)
def _stop_every_server():
    yield
    backends.stop_all()


def run_cli(*args, store: Path, input: str | None = None, env: dict | None = None, timeout: float = 120):
    """Run the real ``claimkb`` command in a subprocess."""
    return subprocess.run([sys.executable, "-m", "kb.cli", *args, "--store", str(store)], input=input,
                          capture_output=True, text=True, timeout=timeout,
                          env={**backends.env_for(store), **(env or {})}, cwd=ROOT)


def serve(directory: Path, *options: str, env: dict | None = None, **popen) -> tuple[subprocess.Popen, str]:
    """Start the real ``claimkb serve`` on ``directory`` (a free port, ``options`` more flags); return the
    process and its URL once it has announced itself in ``server.json``. Its log goes to a file beside the
    directory: a pipe that no one reads fills up after a few hundred requests, and the server then blocks
    writing its request log (it looks like a hang). ``popen``: more arguments for ``subprocess.Popen``."""
    log = directory.parent / "server.log"
    with log.open("w") as output:
        process = subprocess.Popen([sys.executable, "-m", "kb.cli", "serve", "--port", "0", "--store", str(directory),
                                    *options], cwd=ROOT, env=env or backends.env_for(directory),
                                   stdout=output, stderr=subprocess.STDOUT, **popen)
    process.log = log
    announcement = directory / "server.json"
    deadline = time.time() + 60
    while not announcement.exists():
        if process.poll() is not None or time.time() > deadline:
            process.kill()
            pytest.fail(f"the server did not start: {log.read_text()}")
        time.sleep(0.1)
    return process, json.loads(announcement.read_text())["url"]


def stop_server(process: subprocess.Popen):
    """Stop a server started by :func:`serve` as Ctrl-C does (it then removes its ``server.json``)."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGUSR1)  # the server writes its threads' stacks to its log
        time.sleep(1)
        process.kill()
        pytest.fail(f"the server did not stop on SIGINT; the end of its log:\n{process.log.read_text()[-6000:]}")
