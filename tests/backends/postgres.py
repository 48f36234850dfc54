"""A real PostgreSQL server for the accounts (Debian's ``postgresql`` package: ``apt-get install postgresql``).

One throwaway cluster per test session: ``initdb`` in a temporary directory, ``postgres`` on a free local
port (TCP on 127.0.0.1, its socket in the same directory), trust authentication, no fsync (nothing here
must survive a crash). Each data directory a test uses gets accounts of its own: a schema, named in its
URL's ``search_path`` (0.4 ms to make, where ``CREATE DATABASE`` took 744 ms, on the shared 2-core
machine). ``initdb`` and ``postgres`` refuse to run as root, so as root they run as ``nobody``, owning the
directory.
"""
import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.backends.oxigraph import free_port

REQUIRED = os.environ.get("CLAIMKB_TEST_ACCOUNTS") == "postgres"


def bin_dir() -> Path | None:
    """The newest installed server's binaries (``/usr/lib/postgresql/<version>/bin``), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


class PostgresServer:
    def __init__(self):
        self.bin = bin_dir()
        if self.bin is None:
            message = "PostgreSQL is missing: apt-get install postgresql"
            pytest.fail(message) if REQUIRED else pytest.skip(message)
        self.directory = Path(tempfile.mkdtemp(prefix="claimkb-postgres-"))
        # As root, run the server as nobody; /tmp/pytest-of-root is closed to it, hence a directory of its own.
        self.user = "nobody" if os.geteuid() == 0 else None
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.directory, entry.pw_uid, entry.pw_gid)
        self.port = free_port()
        self._run(["initdb", "--pgdata", str(self.directory / "data"), "--username", "claimkb", "--auth", "trust",
                   "--encoding", "UTF8", "--no-locale", "--no-sync"])
        self.log = self.directory / "postgres.log"
        self._count = 0
        self.start()

    def start(self):
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [self.bin / "postgres", "-D", self.directory / "data", "-p", str(self.port),
                 "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.directory}",
                 "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                 "-c", "max_connections=200"],
                stdout=log, stderr=log, **self._as_user())
        self._wait()

    def _as_user(self) -> dict:
        return {"user": self.user, "group": pwd.getpwnam(self.user).pw_gid} if self.user else {}

    def _run(self, command: list):
        done = subprocess.run([str(self.bin / command[0]), *command[1:]], capture_output=True, text=True,
                              cwd=self.directory, env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C"},
                              **self._as_user())
        if done.returncode != 0:
            pytest.fail(f"{command[0]} failed: {done.stdout}{done.stderr}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://claimkb@127.0.0.1:{self.port}/{database}"

    def _wait(self):
        import psycopg
        deadline = time.time() + 60
        while True:
            try:
                psycopg.connect(self.url(), connect_timeout=1).close()
                return
            except psycopg.OperationalError:
                if time.time() > deadline or self.process.poll() is not None:
                    self.stop()
                    pytest.fail(f"PostgreSQL did not start: {self.log.read_text(errors='replace')}")
                time.sleep(0.05)

    def new_database(self) -> str:
        """The URL of a fresh, empty accounts database: a schema of its own, the only one its tables see."""
        import psycopg
        self._count += 1
        name = f"accounts_{self._count}"
        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f"CREATE SCHEMA {name}")
        return f"{self.url()}?options=-csearch_path%3D{name}"

    def stop(self, remove: bool = True):
        """Stop the server; ``remove=False`` keeps its data and port for :meth:`start` (a restart)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # a fast shutdown: SIGTERM's would wait for the clients
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if remove:
            shutil.rmtree(self.directory, ignore_errors=True)


_server: PostgresServer | None = None


def server() -> PostgresServer:
    """The session's server, started on first use (skipped without PostgreSQL unless the suite requires it)."""
    global _server
    if _server is None:
        _server = PostgresServer()
    return _server


def stop():
    global _server
    if _server is not None:
        _server.stop()
        _server = None
