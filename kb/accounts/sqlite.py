"""The accounts in a SQLite file (the default: ``DIR/accounts.sqlite3``), for the processes of one machine.

WAL mode and a busy timeout let ``claimkb user ...`` and the server's workers use the file at once. Not
over a network file system: WAL needs memory shared on one host (docs/deploy.md).
"""
import sqlite3
import time
from contextlib import closing, contextmanager
from pathlib import Path


class SQLiteDatabase:
    unavailable = sqlite3.OperationalError  # disk full, read-only, locked too long
    duplicate = sqlite3.IntegrityError

    def __init__(self, path: Path):
        self.path = path
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def create(self, db, schema: str):
        db.executescript(schema)
        try:
            self.path.chmod(0o600)
        except OSError:
            pass

    @contextmanager
    def transaction(self):
        with closing(self._connect()) as db, db:
            yield db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        # WAL is a property of the file, set once. Switching to it needs the file to itself, and SQLite
        # answers "database is locked" at once, without waiting, while another process (a second
        # `claimkb user add` on a new store) is doing the same: wait and try again.
        for attempt in range(100):
            try:
                if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    db.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == 99:
                    db.close()
                    raise
                time.sleep(0.05)
        db.execute("PRAGMA foreign_keys=ON")
        db.row_factory = sqlite3.Row
        return db

    def lock_users(self, db):
        # The whole file, for writing, until the transaction ends; readers go on.
        db.execute("BEGIN IMMEDIATE")

    def write_lock(self, _name: str):
        # None: each process keeps its own (docs/deploy.md, "Concurrent writes across processes").
        return None
