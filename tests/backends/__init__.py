"""The store the test suite runs on, chosen by ``CLAIMKB_TEST_BACKEND``.

``embedded`` (the default): every data directory holds its own on-disk Oxigraph store.
``oxigraph``: every data directory is served by its own real ``oxigraph serve`` process, started on a
free local port over the directory's ``oxigraph/`` folder. A copy of the shipped template directory is
then a fresh remote dataset holding the shipped KB, at the cost of one server start (0.42 s
measured on the shared 2-core machine) per test that writes, which is cheaper and more faithful than clearing and reloading one shared
server: two KBs that a test opens side by side stay two datasets, as they are on disk.
``virtuoso``: a Virtuoso server per data directory in use (``tests/backends/virtuoso.py``), emptied and
reused by the next directory once the first is let go, and loaded with the directory's own template.

Tests and fixtures reach a directory's store through :func:`remote_for` (in-process ``open_kb``) and
:func:`env_for` (the ``CLAIMKB_SPARQL_*`` variables for a subprocess such as ``claimkb serve``).

The accounts, chosen by ``CLAIMKB_TEST_ACCOUNTS``: ``sqlite`` (the default), each data directory's file;
``postgres``, accounts of its own (a schema) for each data directory on one PostgreSQL server for the
session (``tests/backends/postgres.py``). Tests reach them through :func:`accounts_db` (the ``ACCOUNTS_DB``
setting, or ``Accounts(...)``) and :func:`env_for` (``CLAIMKB_ACCOUNTS_DB`` for a subprocess).
"""
import os
from pathlib import Path

import pytest

BACKEND = os.environ.get("CLAIMKB_TEST_BACKEND", "embedded")
REMOTE = BACKEND != "embedded"
if BACKEND not in ("embedded", "oxigraph", "virtuoso"):
    raise pytest.UsageError(f"CLAIMKB_TEST_BACKEND={BACKEND!r}: use embedded, oxigraph or virtuoso")

ACCOUNTS = os.environ.get("CLAIMKB_TEST_ACCOUNTS", "sqlite")
if ACCOUNTS not in ("sqlite", "postgres"):
    raise pytest.UsageError(f"CLAIMKB_TEST_ACCOUNTS={ACCOUNTS!r}: use sqlite or postgres")

_servers: dict = {}  # resolved data directory -> running server (with ``.remote``, ``.stop()``)
_accounts: dict = {}  # resolved data directory -> the URL of its accounts on PostgreSQL


def remote_for(directory: Path) -> dict:
    """The remote settings of ``directory``'s store (``{}``, meaning embedded, unless the suite runs remote);
    the server is started on first use."""
    if not REMOTE:
        return {}
    key = Path(directory).resolve()
    if key not in _servers:
        if BACKEND == "oxigraph":
            from tests.backends.oxigraph import OxigraphServer
            _servers[key] = OxigraphServer(key / "oxigraph")
        else:
            from tests.backends.virtuoso import dataset_for
            _servers[key] = dataset_for(key)
    return _servers[key].remote


def accounts_db(directory: Path):
    """Where ``directory``'s accounts are: its SQLite file, or (``postgres``) the URL of its own."""
    if ACCOUNTS == "sqlite":
        return Path(directory) / "accounts.sqlite3"
    key = Path(directory).resolve()
    if key not in _accounts:
        from tests.backends import postgres
        _accounts[key] = postgres.server().new_database()
    return _accounts[key]


def env_for(directory: Path) -> dict:
    """The environment a subprocess working on ``directory`` needs (all of ``os.environ`` plus the store's
    and, on PostgreSQL, the accounts')."""
    remote = remote_for(directory)
    names = {"query": "CLAIMKB_SPARQL_QUERY", "update": "CLAIMKB_SPARQL_UPDATE", "user": "CLAIMKB_SPARQL_USER",
             "password": "CLAIMKB_SPARQL_PASSWORD", "view": "CLAIMKB_SPARQL_VIEW_GRAPH"}
    accounts = {"CLAIMKB_ACCOUNTS_DB": accounts_db(directory)} if ACCOUNTS == "postgres" else {}
    return {**os.environ, **{names[k]: v for k, v in remote.items() if v}, **accounts}


def started() -> set:
    return set(_servers)


def stop(directory: Path):
    """Stop the server of ``directory`` (a no-op on the embedded backend or if none runs)."""
    server = _servers.pop(Path(directory).resolve(), None)
    if server is not None:
        server.stop()


def stop_all():
    for key in list(_servers):
        stop(key)
    from tests.backends import postgres
    postgres.stop()  # if one was started
    _accounts.clear()


# Tests about the embedded store itself, skipped on a remote backend: test id (or its start) -> why.
EMBEDDED_ONLY = {
    "tests/reliability/test_faults.py::test_a_read_only_store_is_a_clear_error":
        "a read-only file system under the embedded store's directory",
    "tests/reliability/test_faults.py::test_a_full_disk_is_a_clear_error":
        "a full disk under the embedded store's directory",
    "tests/web/sparql/test_limits.py::test_a_stopped_query_stops_using_the_cpu":
        "the embedded endpoint kills its query worker; a remote server applies its own time limit",
    "tests/web/sparql/test_limits.py::test_the_workers_stop_with_the_server":
        "query worker processes run on the embedded store only",
    "tests/web/sparql/test_direct.py::test_the_worker_reports_its_cpu_time":
        "query worker processes run on the embedded store only",
    "tests/web/sparql/test_appended_limit.py::test_rows_of_a_query_without_a_limit_are_not_written_in_python":
        "query worker processes (and their Server-Timing) run on the embedded store only",
}


def skip_embedded_only(items):
    """On a remote backend, mark the tests of ``EMBEDDED_ONLY`` skipped, with their reason."""
    if not REMOTE:
        return
    for item in items:
        for start, reason in EMBEDDED_ONLY.items():
            if item.nodeid.startswith(start):
                item.add_marker(pytest.mark.skip(reason=f"embedded store only: {reason}"))
