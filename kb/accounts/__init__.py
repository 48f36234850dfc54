"""Accounts, roles and API tokens, never in the RDF dataset: a SQLite file in the data directory (the
default), or a PostgreSQL database shared by the workers of several machines (docs/deploy.md).

Not the store: passwords and tokens must stay out of what SPARQL can read. Both databases are opened by
every process that needs them, so ``claimkb user ...`` changes accounts while the server runs, and the
server keeps no cache: every request reads the current row. The rules live here once; ``sqlite.py`` and
``postgres.py`` only connect, and say how a transaction takes the users table to itself.

Passwords are hashed with werkzeug (scrypt); tokens are random, shown once, and stored as SHA-256
digests. There is no default account and no default password: ``claimkb user add`` makes the first one.
"""
import hashlib
import os
import secrets
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from kb.namespaces import BASE

FILE_NAME = "accounts.sqlite3"
# A database server instead of the data directory's file: a postgresql:// URL (docs/deploy.md).
ENVIRONMENT = "CLAIMKB_ACCOUNTS_DB"
# Readers need no account; each role can do what the one before it can, and more.
ROLES = ("annotator", "reviewer", "editor")
MIN_PASSWORD = 8
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
TOKEN_PREFIX = "ckb_"

# SQL both databases read. "user" is quoted: PostgreSQL reserves the word. DOUBLE PRECISION is REAL to SQLite.
SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created DOUBLE PRECISION NOT NULL,
    -- bumped when the password or the role changes or the user is removed: older sessions end
    generation INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS tokens (
    id TEXT PRIMARY KEY,
    "user" TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    digest TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL DEFAULT '',
    created DOUBLE PRECISION NOT NULL,
    revoked DOUBLE PRECISION
);
CREATE TABLE IF NOT EXISTS login_failures (
    key TEXT NOT NULL,
    at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures(key, at);
"""


class AccountError(ValueError):
    """A request about accounts that cannot be done (unknown user, bad role, weak password...).
    ``reason`` names the rule broken, so that the web app can say it in the reader's language."""

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason


class AccountsUnavailable(Exception):
    """The accounts database cannot be used: a full disk, a read-only directory, a file locked too long,
    or a database server that is away. The server's state, not the request's; nothing was written."""


@dataclass(frozen=True)
class User:
    name: str
    display_name: str
    role: str
    generation: int = 1

    @property
    def agent(self):
        """The user's agent in the KB: who the PROV attribution and a review's schema:author name."""
        return BASE[f"agent/{agent_slug(self.name)}"]

    def can(self, role: str) -> bool:
        """Whether this user has ``role`` or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)


def agent_slug(name: str) -> str:
    # A prefix of its own keeps fact-checkers' agents apart from the agents the claims are about.
    return f"factchecker-{name}"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def is_url(location) -> bool:
    return str(location).startswith(("postgresql://", "postgres://"))


def location(setting=None, directory: Path | None = None):
    """Where the accounts are: ``setting`` (a file or a postgresql:// URL), else ``CLAIMKB_ACCOUNTS_DB``,
    else the data directory's file; None without any of them."""
    chosen = setting or os.environ.get(ENVIRONMENT)
    if chosen:
        return chosen if is_url(chosen) else Path(chosen)
    return Path(directory) / FILE_NAME if directory else None


class Accounts:
    def __init__(self, where):
        """``where``: a SQLite file, or a postgresql:// URL."""
        if is_url(where):
            from kb.accounts.postgres import PostgresDatabase
            self.database = PostgresDatabase(str(where))
        else:
            from kb.accounts.sqlite import SQLiteDatabase
            self.database = SQLiteDatabase(Path(where))
        with self._transaction() as db:
            self.database.create(db, SCHEMA_SQL)

    @classmethod
    def in_directory(cls, directory: Path) -> "Accounts":
        """The accounts of a data directory: ``CLAIMKB_ACCOUNTS_DB`` if set, else its file."""
        return cls(location(None, directory))

    @contextmanager
    def _transaction(self):
        """One transaction (on a new SQLite connection, or a pooled PostgreSQL one): committed at the end,
        rolled back on an error."""
        try:
            with self.database.transaction() as db:
                yield db
        except self.database.unavailable as error:
            raise AccountsUnavailable(f"the accounts database cannot be used: {error}") from error

    def write_lock(self, name: str):
        """A lock that every process using these accounts shares, for ``name`` (None on SQLite)."""
        return self.database.write_lock(name)

    # -- users ---------------------------------------------------------------------------------------

    def add_user(self, name: str, password: str, role: str, display_name: str | None = None) -> User:
        _check_name(name)
        _check_display_name(display_name or name)
        _check_role(role)
        _check_password(password)
        password_hash = generate_password_hash(password)
        try:
            with self._transaction() as db:
                db.execute("INSERT INTO users (name, display_name, role, password_hash, created) "
                           "VALUES (?, ?, ?, ?, ?)", (name, display_name or name, role, password_hash, time.time()))
        except self.database.duplicate:
            raise AccountError(f"there is already a user {name!r}", "user_exists") from None
        return self.user(name)

    def user(self, name: str) -> User | None:
        with self._transaction() as db:
            row = db.execute("SELECT name, display_name, role, generation FROM users WHERE name = ?",
                             (name,)).fetchone()
        return User(**row) if row else None

    def users(self) -> list[User]:
        with self._transaction() as db:
            rows = db.execute("SELECT name, display_name, role, generation FROM users ORDER BY name").fetchall()
        return [User(**row) for row in rows]

    def _existing(self, db, name: str):
        if db.execute("SELECT 1 AS found FROM users WHERE name = ?", (name,)).fetchone() is None:
            raise AccountError(f"there is no user {name!r}", "no_user")

    def _keep_an_editor(self, db, name: str):
        """Refuse to leave no editor: only an editor manages users in the web app, so the last one
        leaving would lock everyone out of it. Checked in the same transaction as the change."""
        self.database.lock_users(db)  # no other process demotes the other editor meanwhile
        editors = [row["name"] for row in db.execute("SELECT name FROM users WHERE role = 'editor'")]
        if editors == [name]:
            raise AccountError(f"{name} is the last editor: make another user an editor first", "last_editor")

    def set_password(self, name: str, password: str):
        _check_password(password)
        password_hash = generate_password_hash(password)
        with self._transaction() as db:
            self._existing(db, name)
            db.execute("UPDATE users SET password_hash = ?, generation = generation + 1 WHERE name = ?",
                       (password_hash, name))

    def set_role(self, name: str, role: str):
        _check_role(role)
        with self._transaction() as db:
            self._existing(db, name)
            if role != "editor":
                self._keep_an_editor(db, name)
            db.execute("UPDATE users SET role = ?, generation = generation + 1 WHERE name = ?", (role, name))

    def remove_user(self, name: str):
        with self._transaction() as db:
            self._existing(db, name)
            self._keep_an_editor(db, name)
            db.execute('DELETE FROM tokens WHERE "user" = ?', (name,))
            db.execute("DELETE FROM users WHERE name = ?", (name,))

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the password is theirs; None otherwise (same time whether the user exists or not)."""
        with self._transaction() as db:
            row = db.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            # Hash anyway, so that timing does not tell which names exist.
            check_password_hash(_dummy_hash(), password)
            return None
        return self.user(name) if check_password_hash(row["password_hash"], password) else None

    # -- tokens --------------------------------------------------------------------------------------

    def create_token(self, name: str, label: str = "") -> tuple[str, str]:
        """A new API token for user ``name``: (its id, the token). The token is shown once, stored hashed."""
        token_id = secrets.token_hex(4)
        token = f"{TOKEN_PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
        with self._transaction() as db:
            self._existing(db, name)
            db.execute('INSERT INTO tokens (id, "user", digest, label, created) VALUES (?, ?, ?, ?, ?)',
                       (token_id, name, _digest(token), label, time.time()))
        return token_id, token

    def revoke_token(self, token_or_id: str):
        token_id = token_or_id.removeprefix(TOKEN_PREFIX).split("_", 1)[0]
        with self._transaction() as db:
            done = db.execute("UPDATE tokens SET revoked = ? WHERE id = ? AND revoked IS NULL",
                              (time.time(), token_id)).rowcount
        if not done:
            raise AccountError(f"there is no active token {token_id!r}", "no_token")

    def tokens(self, name: str | None = None) -> list[dict]:
        query = 'SELECT id, "user", label, created, revoked FROM tokens'
        with self._transaction() as db:
            if name is None:
                rows = db.execute(query + " ORDER BY created").fetchall()
            else:
                rows = db.execute(query + ' WHERE "user" = ? ORDER BY created', (name,)).fetchall()
        return [dict(row) for row in rows]

    def user_for_token(self, token: str) -> User | None:
        with self._transaction() as db:
            row = db.execute('SELECT u.name, u.display_name, u.role, u.generation FROM tokens t '
                             'JOIN users u ON u.name = t."user" WHERE t.digest = ? AND t.revoked IS NULL',
                             (_digest(token),)).fetchone()
        return User(**row) if row else None

    # -- login rate limit ----------------------------------------------------------------------------

    def failures(self, key: str, window: float) -> int:
        with self._transaction() as db:
            return db.execute("SELECT COUNT(*) AS n FROM login_failures WHERE key = ? AND at > ?",
                              (key, time.time() - window)).fetchone()["n"]

    def record_failure(self, key: str, window: float):
        now = time.time()
        with self._transaction() as db:
            db.execute("DELETE FROM login_failures WHERE at < ?", (now - window,))
            db.execute("INSERT INTO login_failures (key, at) VALUES (?, ?)", (key, now))

    def clear_failures(self, key: str):
        with self._transaction() as db:
            db.execute("DELETE FROM login_failures WHERE key = ?", (key,))


@cache
def _dummy_hash() -> str:
    return generate_password_hash("not a password of anyone")


def _check_name(name: str):
    if not name or len(name) > 40 or not set(name) <= NAME_CHARS or name[0] in "-_.":
        raise AccountError("a user name is 1-40 characters among a-z, 0-9, '-', '_' and '.', "
                           "starting with a letter or a digit", "bad_name")


def _check_display_name(display_name: str):
    if len(display_name) > 80 or not display_name.isprintable() or not display_name.strip():
        raise AccountError("a display name is 1-80 printable characters", "bad_display_name")


def _check_role(role: str):
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: use one of {', '.join(ROLES)} (readers need no account)", "bad_role")


def _check_password(password: str):
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password has at least {MIN_PASSWORD} characters", "short_password")
