"""The PostgreSQL accounts keep their connections for the next transaction (kb/accounts/postgres.py), on
a real PostgreSQL server: a connection is reused, one the server closed is never used again, and one
that held the shared write lock goes back to the pool without it."""
import psycopg
import pytest

from kb.accounts import Accounts
from tests.backends import postgres
from tests.reliability.client import PASSWORD


@pytest.fixture
def accounts():
    made = Accounts(postgres.server().new_database())
    made.add_user("anna", PASSWORD, "annotator")
    return made


def backend(accounts: Accounts) -> int:
    """The server process of the connection the next transaction gets."""
    with accounts.database.transaction() as db:
        return db.execute("SELECT pg_backend_pid() AS pid").fetchone()["pid"]


def admin(sql: str, parameters=()):
    with psycopg.connect(postgres.server().url(), autocommit=True) as db:
        return db.execute(sql, parameters).fetchall()


def test_transactions_reuse_a_connection(accounts):
    assert backend(accounts) == backend(accounts)


def test_a_connection_the_server_closed_is_not_used_again(accounts):
    """A database restarted, or a connection ended by the administrator, while the app was idle: the next
    request gets a working connection, not an error."""
    first = backend(accounts)
    admin("SELECT pg_terminate_backend(%s)", (first,))
    assert accounts.user("anna").role == "annotator"
    assert backend(accounts) != first


def test_a_connection_goes_back_to_the_pool_without_the_write_lock(accounts):
    lock = accounts.write_lock("http://store.example/update")
    with lock, lock:  # re-entrant: given back at the outermost exit
        held = admin("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted")
        assert len(held) == 1
    holder = held[0][0]
    assert backend(accounts) == holder  # that connection is back in the pool...
    assert admin("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND pid = %s", (holder,)) == []  # ...free
    with lock:  # and the lock can be taken again
        assert len(admin("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted")) == 1
