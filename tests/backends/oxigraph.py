"""A real Oxigraph server (``oxigraph serve``, from the ``oxigraph`` package of the test extra)."""
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

OXIGRAPH = shutil.which("oxigraph") or str(Path(__file__).parents[2] / ".venv/bin/oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """``oxigraph serve`` over ``location`` on a free local port; ``stop`` and ``start`` again keep the port
    and the data (what an operator restarting the store does)."""

    def __init__(self, location: Path, port: int | None = None):
        if not Path(OXIGRAPH).exists():
            pytest.fail("the oxigraph server is missing: `pip install oxigraph` (it is in the test extra)")
        self.location, self.port = Path(location), port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.remote = {"query": self.url + "/query", "update": self.url + "/update"}
        self.process = None
        self.start()

    def start(self):
        self.location.parent.mkdir(parents=True, exist_ok=True)
        self.log = self.location.parent / f"oxigraph-{self.port}.log"
        with self.log.open("ab") as log:  # a file: a pipe nobody reads would fill and block the server
            self.process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(self.location),
                                             "--bind", f"127.0.0.1:{self.port}"], stdout=log, stderr=log)
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/query?query=ASK%7B%7D", timeout=1).close()
                return
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    self.process.kill()
                    pytest.fail(f"the Oxigraph server did not start: {self.log.read_text(errors='replace')}")
                time.sleep(0.05)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
