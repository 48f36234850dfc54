"""Two machines (docs/deploy.md, "Several workers over one store"): two ``claimkb serve`` processes, each
with a data directory of its own holding the same ``secret_key``, over one real Oxigraph server and one
real PostgreSQL accounts database (``CLAIMKB_ACCOUNTS_DB``). What a fact-checker does on one machine
holds on the other: users, sessions, tokens, the login rate limit; and two writes to the same claim on
the two machines at once are checked one after the other, so exactly one is written."""
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass

import pytest

from kb.accounts import Accounts
from tests.backends import postgres
from tests.backends.oxigraph import OxigraphServer
from tests.conftest import ROOT, serve, stop_server
from tests.reliability.client import PASSWORD, Client
from tests.reliability.conftest import note
from tests.reliability.test_conflicts import REVIEW_EDIT, at_once, review_form
from tests.web.annotate.conftest import login
from web import create_app
from web.auth import LOGIN_LIMIT, _secret_key


@dataclass
class Machines:
    urls: list
    directories: list
    env: dict

    def claimkb(self, *args: str, input: str | None = None) -> str:
        """A ``claimkb`` command run on the first machine (its data directory)."""
        done = subprocess.run([sys.executable, "-m", "kb.cli", *args, "--store", str(self.directories[0])],
                              input=input, capture_output=True, text=True, env=self.env, cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout


@pytest.fixture
def machines(shipped_dir, tmp_path):
    accounts = postgres.server().new_database()
    shutil.copytree(shipped_dir, tmp_path / "shared")
    store = OxigraphServer(tmp_path / "shared" / "oxigraph")  # holding the shipped KB
    env = {**os.environ, "CLAIMKB_ACCOUNTS_DB": accounts,
           "CLAIMKB_SPARQL_QUERY": store.remote["query"], "CLAIMKB_SPARQL_UPDATE": store.remote["update"]}
    directories = [tmp_path / name / "store" for name in ("first", "second")]
    key = _secret_key(directories[0])  # made on the first machine, copied to the second (docs/deploy.md)
    directories[1].mkdir(parents=True)
    (directories[1] / "secret_key").write_bytes(key)
    started = []
    try:
        for directory in directories:  # one after the other: the first builds the public view on the store
            started.append(serve(directory, env=env))
        yield Machines([url for _, url in started], directories, env)
    finally:
        for process, _ in started:
            stop_server(process)
        store.stop()


def test_the_machines_share_users_sessions_tokens_and_the_login_rate_limit(machines):
    machines.claimkb("user", "add", "anna", "--role", "annotator", input=PASSWORD + "\n")
    first, second = (Client(url) for url in machines.urls)
    assert first.login("anna").status == 303
    # the session cookie made by the first machine is valid on the second
    moved = Client(machines.urls[1], cookies=dict(first.cookies))
    assert moved.get("/annotate/").status == 200 and "anna" in moved.get("/annotate/").text
    # a token made by the command line works on both; revoked on the first machine, on neither
    token = machines.claimkb("token", "create", "anna").strip().splitlines()[-1]
    for url in machines.urls:
        assert Client(url, token=token).post("/annotations/", json=note(f"par {url}")).status == 201
    machines.claimkb("token", "revoke", token)
    for url in machines.urls:
        assert Client(url, token=token).post("/annotations/", json=note("révoqué")).status == 401
    # failed logins counted on both machines together
    for attempt in range(LOGIN_LIMIT):
        assert Client(machines.urls[attempt % 2]).login("anna", "wrong password").status == 401
    throttled = second.login("anna")
    assert throttled.status == 429, throttled


def test_writes_to_one_claim_on_two_machines_at_once_write_one(machines):
    """The checks of a commit (is the version edited still the current one?) and its update are one step
    across the machines: a lock in the shared PostgreSQL database. Without it, both could pass the check."""
    for name, role in (("eddie", "editor"), ("rita", "reviewer")):
        machines.claimkb("user", "add", name, "--role", role, input=PASSWORD + "\n")
    clients = [Client(url) for url in machines.urls]
    for client, name in zip(clients, ("eddie", "rita")):
        assert client.login(name).status == 303
    for attempt in range(3):
        forms = [review_form(client) for client in clients]
        assert forms[0]["version"] == forms[1]["version"]
        answers = at_once([lambda c=c, f=f, i=i: c.post(REVIEW_EDIT, form={**f, "body_fr": f"avis {attempt}.{i}"})
                           for i, (c, f) in enumerate(zip(clients, forms))])
        assert sorted(a.status for a in answers) == [303, 409], answers


def test_an_accounts_database_that_is_away_is_a_503_until_it_is_back(shipped_kb, tmp_path):
    """As for a store that is away: a clear 503, nothing written, and the same app works again once the
    database is back (a connection per transaction: none is kept broken). The command line exits 2."""
    server = postgres.PostgresServer()  # its own: this one is stopped
    try:
        app = create_app({"KB": shipped_kb, "ACCOUNTS_DB": server.new_database(), "SECRET_KEY": "s",
                          "SESSION_COOKIE_SECURE": False})
        app.extensions["claimkb_accounts"].add_user("anna", PASSWORD, "annotator")
        client = app.test_client()
        server.stop(remove=False)
        away = login(client, "anna")
        assert away.status_code == 503, away.get_data(as_text=True)
        assert "accounts database cannot be used" in away.get_data(as_text=True)
        listed = subprocess.run([sys.executable, "-m", "kb.cli", "user", "list", "--store", str(tmp_path)],
                                capture_output=True, text=True, cwd=ROOT, timeout=60,
                                env={**os.environ, "CLAIMKB_ACCOUNTS_DB": server.url("postgres")})
        assert listed.returncode == 2 and "accounts database cannot be used" in listed.stderr, listed.stderr
        server.start()
        assert login(client, "anna").status_code == 303
    finally:
        server.stop()


def test_workers_starting_together_on_a_new_database_make_its_tables_once():
    """Each worker creates the tables if missing; PostgreSQL refuses concurrent ``CREATE TABLE IF NOT EXISTS``
    of one table (a duplicate type name), so they take turns (this failed in 10 rounds of 10 without)."""
    url = postgres.server().new_database()
    barrier, errors = threading.Barrier(6), []

    def start():
        barrier.wait()
        try:
            Accounts(url)
        except Exception as error:  # noqa: BLE001 (any error is the failure)
            errors.append(error)
    workers = [threading.Thread(target=start) for _ in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert errors == []
    assert Accounts(url).users() == []
