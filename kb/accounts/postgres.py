"""The accounts in a PostgreSQL database (``CLAIMKB_ACCOUNTS_DB=postgresql://...``), shared by the workers
of several machines; and, through it, a write lock that they share (``WriteLock``).

A connection per transaction, as with SQLite: nothing is held between requests, so a database that was
restarted serves the next request without a restart of the app. psycopg 3 (``pip install
'claimkb[postgres]'``) is imported only here.
"""
import hashlib
import threading
from contextlib import contextmanager

import psycopg
from psycopg.rows import dict_row

CONNECT_TIMEOUT = 10  # seconds; a host that does not answer is an error, not a hung request


class PostgresDatabase:
    unavailable = psycopg.OperationalError  # cannot connect, connection lost, server shutting down
    duplicate = psycopg.IntegrityError

    def __init__(self, url: str):
        self.url = url

    def create(self, db, schema: str):
        # Two processes starting together would both create the tables; PostgreSQL then refuses one
        # (a duplicate type name), so they take turns. The key is any constant of claimkb's own.
        db.execute("SELECT pg_advisory_xact_lock(%s)", (_key("claimkb accounts schema"),))
        db.execute(schema)

    @contextmanager
    def transaction(self):
        with psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT, row_factory=dict_row) as connection:
            yield _Placeholders(connection)

    def lock_users(self, db):
        # As SQLite's BEGIN IMMEDIATE: other changes of users wait until this transaction ends; reads go on.
        db.execute("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE")

    def write_lock(self, name: str) -> "WriteLock":
        return WriteLock(self.url, name)


class _Placeholders:
    """The connection, taking the ``?`` placeholders that SQLite takes (the SQL has no other ``?`` nor ``%``)."""

    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql: str, parameters=()):
        return self.connection.execute(sql.replace("?", "%s"), parameters or None)


class WriteLock:
    """A lock held by one thread of one process among all those using the database, re-entrant like
    ``threading.RLock`` (``KnowledgeBase.write_lock``'s type). The outermost ``with`` opens a connection
    and takes a session advisory lock on ``name``'s key; closing the connection gives it back, and so
    does the server if the process dies holding it."""

    def __init__(self, url: str, name: str):
        self.url, self.key = url, _key(f"claimkb write {name}")
        self._here = threading.RLock()  # threads of this process queue here, not on the server
        self._depth = 0
        self._connection = None

    def __enter__(self):
        self._here.acquire()
        try:
            if self._depth == 0:
                from kb.accounts import AccountsUnavailable
                try:
                    connection = psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT, autocommit=True)
                except psycopg.OperationalError as error:
                    raise AccountsUnavailable(f"the accounts database cannot be used: {error}") from error
                try:
                    connection.execute("SELECT pg_advisory_lock(%s)", (self.key,))
                except BaseException:
                    connection.close()
                    raise
                self._connection = connection
            self._depth += 1
        except BaseException:
            self._here.release()
            raise
        return self

    def __exit__(self, *_exc):
        try:
            self._depth -= 1
            if self._depth == 0:
                connection, self._connection = self._connection, None
                connection.close()
        finally:
            self._here.release()


def _key(text: str) -> int:
    """A 64-bit advisory lock key (signed, as PostgreSQL's bigint) named by ``text``."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big", signed=True)
