"""A real Virtuoso server for the suite (Debian's ``virtuoso-opensource-7``; ``make test-virtuoso``).

Each server runs on free local ports with its own ``virtuoso.ini`` and database in a temporary directory:
queries at ``/sparql`` (anonymous), updates at ``/sparql-auth`` (HTTP Digest, a user holding
``SPARQL_UPDATE``). Virtuoso's default graph is the union of all its graphs, so the KB keeps its current
view in a named graph (``CLAIMKB_SPARQL_VIEW_GRAPH``).

A Virtuoso server holds one dataset and takes seconds to start, so servers are reused: each data
directory in use has a server of its own (two KBs a test keeps side by side stay two datasets), and when
the directory is let go (at the end of its test) its server is emptied and given to the next directory,
which gets its ``oxigraph/`` template (if any) loaded through ``RemoteStore.load``, as a restore would.
"""
import atexit
import shutil
import subprocess
import tempfile
import urllib.parse
import time
import urllib.request
from pathlib import Path

import pytest

from tests.backends.oxigraph import free_port

VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
ISQL = shutil.which("isql-vt") or "/usr/bin/isql-vt"
USER, PASSWORD = "claimkb", "claimkb-test-password"
VIEW = "https://w3id.org/claimkb/graph/current-view"
INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {db}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxSortedTopRows = 100000

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}/vsp
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
HTTPThreadSize = 280000
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 60
"""


class Virtuoso:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="claimkb-virtuoso-"))
        db = self.root / "db"
        (db / "vsp").mkdir(parents=True)
        self.sql, self.http = free_port(), free_port()
        (db / "virtuoso.ini").write_text(INI.format(db=db, sql=self.sql, http=self.http))
        self.url = f"http://127.0.0.1:{self.http}"
        self.log = (self.root / "virtuoso.out").open("wb")
        self.process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(db / "virtuoso.ini")],
                                        cwd=db, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(self.url + "/sparql?query=ASK%7B%7D", timeout=2).close()
                break
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    self.stop()
                    pytest.fail(f"Virtuoso did not start: {(db / 'virtuoso.log').read_text(errors='replace')[-2000:]}")
                time.sleep(0.2)
        self.isql(f"DB.DBA.USER_CREATE('{USER}', '{PASSWORD}'); GRANT SPARQL_UPDATE TO \"{USER}\";")
        self.system_graphs = self.graphs()
        self.remote = {"query": self.url + "/sparql", "update": self.url + "/sparql-auth", "user": USER,
                       "password": PASSWORD, "view": VIEW}

    def isql(self, statements: str) -> str:
        done = subprocess.run([ISQL, f"127.0.0.1:{self.sql}", "dba", "dba", f"exec={statements}"],
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            pytest.fail(f"isql: {statements}: {done.stdout}{done.stderr}")
        return done.stdout

    def graphs(self) -> set[str]:
        import json
        query = urllib.parse.urlencode({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"})
        request = urllib.request.Request(f"{self.url}/sparql?{query}",
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return {row["g"]["value"] for row in json.load(response)["results"]["bindings"]}

    def load(self, directory: Path):
        """Make the dataset ``directory``'s KB: every graph but Virtuoso's own emptied (one SQL statement,
        faster than a SPARQL request per graph), then its template (if any) loaded."""
        keep = ", ".join(f"iri_to_id('{graph}')" for graph in sorted(self.system_graphs))
        self.isql(f"DELETE FROM DB.DBA.RDF_QUAD WHERE G NOT IN ({keep});")
        template = directory / "oxigraph"
        if template.is_dir():
            import pyoxigraph as ox
            from kb.store import RemoteStore
            source = ox.Store.read_only(str(template))
            data = source.dump(format=ox.RdfFormat.N_QUADS)
            del source
            if data:
                RemoteStore(self.remote["query"], self.remote["update"], USER, PASSWORD, view=VIEW).load(data)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.root, ignore_errors=True)


_idle: list[Virtuoso] = []  # servers let go by their directory, to be emptied and reused
_every: list[Virtuoso] = []


class Dataset:
    """A data directory's own Virtuoso (a reused one if any is idle), holding its KB."""

    def __init__(self, directory: Path):
        if _idle:
            self.server = _idle.pop()
        else:
            self.server = Virtuoso()
            _every.append(self.server)
        self.server.load(directory)
        self.remote = self.server.remote

    def stop(self):
        _idle.append(self.server)


def dataset_for(directory: Path) -> Dataset:
    return Dataset(directory)


@atexit.register
def _stop_every_server():
    for server in _every:
        server.stop()
