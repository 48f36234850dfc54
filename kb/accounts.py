"""Accounts, roles and API tokens: a SQLite file in the data directory, never in the RDF dataset.

SQLite, not the store: passwords and tokens must stay out of what SPARQL can read, and one file that
several processes open lets ``claimkb user ...`` change accounts while ``claimkb serve`` runs (WAL mode,
a busy timeout, and no cache in the server: every request reads the current row).

Passwords are hashed with werkzeug (scrypt); tokens are random, shown once, and stored as SHA-256
digests. There is no default account and no default password: ``claimkb user add`` makes the first one.
"""
import hashlib
import secrets
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from kb.namespaces import BASE

FILE_NAME = "accounts.sqlite3"
# Readers need no account; each role can do what the one before it can, and more.
ROLES = ("annotator", "reviewer", "editor")
MIN_PASSWORD = 8
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
TOKEN_PREFIX = "ckb_"

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created REAL NOT NULL,
    -- bumped when the password or the role changes or the user is removed: older sessions end
    generation INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS tokens (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    digest TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    revoked REAL
);
CREATE TABLE IF NOT EXISTS login_failures (
    key TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures(key, at);
"""


class AccountError(ValueError):
    """A request about accounts that cannot be done (unknown user, bad role, weak password...).
    ``reason`` names the rule broken, so that the web app can say it in the reader's language."""

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason


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


class Accounts:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.executescript(SCHEMA_SQL)
        try:
            self.path.chmod(0o600)
        except OSError:
            pass

    @classmethod
    def in_directory(cls, directory: Path) -> "Accounts":
        return cls(Path(directory) / FILE_NAME)

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

    # -- users ---------------------------------------------------------------------------------------

    def add_user(self, name: str, password: str, role: str, display_name: str | None = None) -> User:
        _check_name(name)
        _check_display_name(display_name or name)
        _check_role(role)
        _check_password(password)
        with closing(self._connect()) as db, db:
            try:
                db.execute("INSERT INTO users (name, display_name, role, password_hash, created) VALUES (?, ?, ?, ?, ?)",
                           (name, display_name or name, role, generate_password_hash(password), time.time()))
            except sqlite3.IntegrityError:
                raise AccountError(f"there is already a user {name!r}", "user_exists") from None
        return self.user(name)

    def user(self, name: str) -> User | None:
        with closing(self._connect()) as db:
            row = db.execute("SELECT name, display_name, role, generation FROM users WHERE name = ?",
                             (name,)).fetchone()
        return User(**row) if row else None

    def users(self) -> list[User]:
        with closing(self._connect()) as db:
            rows = db.execute("SELECT name, display_name, role, generation FROM users ORDER BY name").fetchall()
        return [User(**row) for row in rows]

    def _existing(self, db, name: str):
        if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone() is None:
            raise AccountError(f"there is no user {name!r}", "no_user")

    def _keep_an_editor(self, db, name: str):
        """Refuse to leave no editor: only an editor manages users in the web app, so the last one
        leaving would lock everyone out of it. Checked in the same transaction as the change."""
        db.execute("BEGIN IMMEDIATE")  # no other process demotes the other editor meanwhile
        editors = [row[0] for row in db.execute("SELECT name FROM users WHERE role = 'editor'")]
        if editors == [name]:
            raise AccountError(f"{name} is the last editor: make another user an editor first", "last_editor")

    def set_password(self, name: str, password: str):
        _check_password(password)
        with closing(self._connect()) as db, db:
            self._existing(db, name)
            db.execute("UPDATE users SET password_hash = ?, generation = generation + 1 WHERE name = ?",
                       (generate_password_hash(password), name))

    def set_role(self, name: str, role: str):
        _check_role(role)
        with closing(self._connect()) as db, db:
            self._existing(db, name)
            if role != "editor":
                self._keep_an_editor(db, name)
            db.execute("UPDATE users SET role = ?, generation = generation + 1 WHERE name = ?", (role, name))

    def remove_user(self, name: str):
        with closing(self._connect()) as db, db:
            self._existing(db, name)
            self._keep_an_editor(db, name)
            db.execute("DELETE FROM tokens WHERE user = ?", (name,))
            db.execute("DELETE FROM users WHERE name = ?", (name,))

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the password is theirs; None otherwise (same time whether the user exists or not)."""
        with closing(self._connect()) as db:
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
        with closing(self._connect()) as db, db:
            self._existing(db, name)
            db.execute("INSERT INTO tokens (id, user, digest, label, created) VALUES (?, ?, ?, ?, ?)",
                       (token_id, name, _digest(token), label, time.time()))
        return token_id, token

    def revoke_token(self, token_or_id: str):
        token_id = token_or_id.removeprefix(TOKEN_PREFIX).split("_", 1)[0]
        with closing(self._connect()) as db, db:
            done = db.execute("UPDATE tokens SET revoked = ? WHERE id = ? AND revoked IS NULL",
                              (time.time(), token_id)).rowcount
        if not done:
            raise AccountError(f"there is no active token {token_id!r}", "no_token")

    def tokens(self, name: str | None = None) -> list[dict]:
        with closing(self._connect()) as db:
            rows = db.execute("SELECT id, user, label, created, revoked FROM tokens "
                              "WHERE ? IS NULL OR user = ? ORDER BY created", (name, name)).fetchall()
        return [dict(row) for row in rows]

    def user_for_token(self, token: str) -> User | None:
        with closing(self._connect()) as db:
            row = db.execute("SELECT u.name, u.display_name, u.role, u.generation FROM tokens t "
                             "JOIN users u ON u.name = t.user WHERE t.digest = ? AND t.revoked IS NULL",
                             (_digest(token),)).fetchone()
        return User(**row) if row else None

    # -- login rate limit ----------------------------------------------------------------------------

    def failures(self, key: str, window: float) -> int:
        with closing(self._connect()) as db:
            return db.execute("SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?",
                              (key, time.time() - window)).fetchone()[0]

    def record_failure(self, key: str, window: float):
        now = time.time()
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM login_failures WHERE at < ?", (now - window,))
            db.execute("INSERT INTO login_failures (key, at) VALUES (?, ?)", (key, now))

    def clear_failures(self, key: str):
        with closing(self._connect()) as db, db:
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
