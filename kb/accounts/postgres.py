"""The accounts in a PostgreSQL database (``CLAIMKB_ACCOUNTS_DB=postgresql://...``), shared by the workers
of several machines; and, through it, a write lock that they share (``WriteLock``).

Connections are kept for the next transaction (``Connections``): opening one costs more than the
transactions of a request. None is kept broken: each is checked when taken, so a database that was
restarted serves the next request without a restart of the app, and one that is away is an error at
once, as without the pool. psycopg 3 (``pip install 'claimkb[postgres]'``) is imported only here.
"""
import hashlib
import threading
import weakref
from contextlib import contextmanager

import psycopg
from psycopg.pq import TransactionStatus
from psycopg.rows import dict_row

CONNECT_TIMEOUT = 10  # seconds; a host that does not answer is an error, not a hung request
# Idle connections kept per process. ``claimkb serve`` runs 32 request threads (web/serve.py), but most
# requests make one short transaction (0.3 ms), and a write on a remote store holds one more for its lock:
# 8 serve most moments without opening one; beyond them a connection is opened and closed, as without
# the pool, so no thread ever waits for one. A PostgreSQL server admits 100 connections by default: 8 a
# process leave room for several machines' workers and the command line.
POOL_SIZE = 8


class Connections:
    """A thread-safe pool: the last connection given back is the next one taken (warm, least likely
    closed by the server). Connections are in autocommit: transactions and locks say where they begin."""

    def __init__(self, url: str, size: int = POOL_SIZE):
        self.url, self.size = url, size
        self._idle: list[psycopg.Connection] = []
        self._lock = threading.Lock()
        weakref.finalize(self, _close_all, self._idle)  # a dropped Accounts closes its connections

    def take(self) -> psycopg.Connection:
        while True:
            with self._lock:
                connection = self._idle.pop() if self._idle else None
            if connection is None:
                # tcp_user_timeout: a host gone from the network fails a statement within the time limit,
                # instead of TCP's retries (minutes); a long wait for a lock is not affected.
                return psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT, autocommit=True,
                                       row_factory=dict_row, tcp_user_timeout=CONNECT_TIMEOUT * 1000)
            try:
                connection.execute("")  # one round trip: a restarted or stopped server closed it meanwhile
                return connection
            except psycopg.Error:
                connection.close()

    def give_back(self, connection: psycopg.Connection):
        """Kept only if it is usable and idle (no transaction left open); else closed."""
        if (not connection.closed and not connection.broken
                and connection.info.transaction_status == TransactionStatus.IDLE):
            with self._lock:
                if len(self._idle) < self.size:
                    self._idle.append(connection)
                    return
        connection.close()


def _close_all(connections: list):
    while connections:
        connections.pop().close()


class PostgresDatabase:
    unavailable = psycopg.OperationalError  # cannot connect, connection lost, server shutting down
    duplicate = psycopg.IntegrityError

    def __init__(self, url: str):
        self.url = url
        self.connections = Connections(url)

    def create(self, db, schema: str):
        # Two processes starting together would both create the tables; PostgreSQL then refuses one
        # (a duplicate type name), so they take turns. The key is any constant of claimkb's own.
        db.execute("SELECT pg_advisory_xact_lock(%s)", (_key("claimkb accounts schema"),))
        db.execute(schema)

    @contextmanager
    def transaction(self):
        connection = self.connections.take()
        try:
            with connection.transaction():  # committed at the end, rolled back on an error
                yield _Placeholders(connection)
        finally:
            self.connections.give_back(connection)

    def lock_users(self, db):
        # As SQLite's BEGIN IMMEDIATE: other changes of users wait until this transaction ends; reads go on.
        db.execute("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE")

    def write_lock(self, name: str) -> "WriteLock":
        return WriteLock(self.connections, name)


class _Placeholders:
    """The connection, taking the ``?`` placeholders that SQLite takes (the SQL has no other ``?`` nor ``%``)."""

    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql: str, parameters=()):
        return self.connection.execute(sql.replace("?", "%s"), parameters or None)


class WriteLock:
    """A lock held by one thread of one process among all those using the database, re-entrant like
    ``threading.RLock`` (``KnowledgeBase.write_lock``'s type). The outermost ``with`` takes a connection
    and a session advisory lock on ``name``'s key on it; the last ``with`` gives the lock back on that same
    connection before the connection goes back to the pool. The server gives it back too if the process
    dies holding it, or the connection breaks."""

    def __init__(self, connections: Connections, name: str):
        self.connections, self.key = connections, _key(f"claimkb write {name}")
        self._here = threading.RLock()  # threads of this process queue here, not on the server
        self._depth = 0
        self._connection = None

    def __enter__(self):
        self._here.acquire()
        try:
            if self._depth == 0:
                from kb.accounts import AccountsUnavailable
                try:
                    connection = self.connections.take()
                except psycopg.OperationalError as error:
                    raise AccountsUnavailable(f"the accounts database cannot be used: {error}") from error
                try:
                    connection.execute("SELECT pg_advisory_lock(%s)", (self.key,))
                except BaseException:
                    connection.close()  # interrupted, it may hold the lock: never back to the pool
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
                try:
                    connection.execute("SELECT pg_advisory_unlock_all()")
                except BaseException as error:
                    connection.close()  # the lock goes with the connection
                    if not isinstance(error, psycopg.Error):
                        raise
                else:
                    self.connections.give_back(connection)  # holding no lock
        finally:
            self._here.release()


def _key(text: str) -> int:
    """A 64-bit advisory lock key (signed, as PostgreSQL's bigint) named by ``text``."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big", signed=True)
