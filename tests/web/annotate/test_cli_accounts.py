"""``claimkb user`` and ``claimkb token`` as real subprocesses, alone and while ``claimkb serve`` runs on the
same data directory (the accounts are a SQLite file, or a PostgreSQL database, that both open): changes
apply to the running server at once."""
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from kb.accounts import Accounts
from tests import backends
from tests.conftest import ROOT, run_cli


def test_user_commands(data_dir):
    added = run_cli("user", "add", "ana", "--role", "annotator", store=data_dir, input="a long password\n")
    assert added.returncode == 0, added.stderr
    if backends.ACCOUNTS == "sqlite":
        assert (data_dir / "accounts.sqlite3").stat().st_mode & 0o777 == 0o600
    assert run_cli("user", "add", "ana", "--role", "editor", store=data_dir, input="another password\n").returncode == 1
    short = run_cli("user", "add", "bob", "--role", "editor", store=data_dir, input="short\n")
    assert short.returncode == 1 and "at least 8 characters" in short.stderr
    assert run_cli("user", "add", "bob", "--role", "admin", store=data_dir, input="a long password\n").returncode == 2
    assert run_cli("user", "role", "ana", "reviewer", store=data_dir).returncode == 0
    assert run_cli("user", "passwd", "ana", store=data_dir, input="a new long password\n").returncode == 0
    listed = run_cli("user", "list", store=data_dir)
    assert listed.stdout.strip() == "ana\treviewer\tana"
    created = run_cli("token", "create", "ana", store=data_dir)
    token = created.stdout.strip().splitlines()[-1]
    assert created.returncode == 0 and re.fullmatch(r"ckb_[0-9a-f]{8}_[\w-]{40,}", token)
    assert "ckb_" not in run_cli("token", "list", store=data_dir).stdout
    assert run_cli("token", "revoke", token, store=data_dir).returncode == 0
    assert run_cli("token", "revoke", token, store=data_dir).returncode == 1
    stored = stored_bytes(data_dir)
    assert b"a new long password" not in stored and b"a long password" not in stored  # hashed
    assert token.encode() not in stored and token.split("_")[-1].encode() not in stored
    assert run_cli("user", "remove", "ana", store=data_dir).returncode == 0
    assert run_cli("user", "remove", "ana", store=data_dir).returncode == 1


def stored_bytes(data_dir) -> bytes:
    """What the accounts database holds: the SQLite files as they are on disk (with what SQLite left in
    free pages or the WAL), or every row of PostgreSQL's tables."""
    if backends.ACCOUNTS == "sqlite":
        return b"".join(path.read_bytes() for path in data_dir.glob("accounts.sqlite3*"))
    with Accounts(backends.accounts_db(data_dir)).database.transaction() as db:
        rows = [row for table in ("users", "tokens", "login_failures") for row in db.execute(f"SELECT * FROM {table}")]
    return repr(rows).encode()


def test_the_last_editor_stays(data_dir):
    """Only editors manage users in the web app: the command line keeps one too."""
    assert run_cli("user", "add", "eve", "--role", "editor", store=data_dir, input="a long password\n").returncode == 0
    for args in (("role", "eve", "reviewer"), ("remove", "eve")):
        refused = run_cli("user", *args, store=data_dir)
        assert refused.returncode == 1 and "eve is the last editor" in refused.stderr
    assert run_cli("user", "add", "ed", "--role", "editor", store=data_dir, input="a long password\n").returncode == 0
    assert run_cli("user", "remove", "eve", store=data_dir).returncode == 0
    assert run_cli("user", "list", store=data_dir).stdout.strip() == "ed\teditor\ted"


@pytest.fixture
def server(data_dir):
    process = subprocess.Popen([sys.executable, "-m", "kb.cli", "serve", "--port", "0", "--store", str(data_dir)],
                               cwd=ROOT, stderr=subprocess.PIPE, text=True, env=backends.env_for(data_dir))
    try:
        for line in process.stderr:
            found = re.search(r"on (http://[\d.]+:\d+)/", line)
            if found:
                break
        else:
            pytest.fail("the server did not start")
        yield found.group(1)
    finally:
        process.terminate()
        process.wait(timeout=30)


def request(url, data=None, headers=None, method=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers or {}, method=method)) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_accounts_change_while_the_server_runs(server, data_dir):
    assert run_cli("user", "add", "ana", "--role", "annotator", store=data_dir, input="a long password\n").returncode == 0
    token = run_cli("token", "create", "ana", store=data_dir).stdout.strip().splitlines()[-1]
    note = {"type": "Annotation", "motivation": "commenting", "body": {"type": "TextualBody", "value": "Vraiment ?"},
            "target": {"source": f"{server}/source/touslestops-sora-article",
                       "selector": {"type": "TextQuoteSelector", "exact": "Sora est toujours en phase de recherche"}}}
    headers = {"Content-Type": "application/ld+json", "Authorization": f"Bearer {token}"}
    status, response_headers, body = request(f"{server}/annotations/", json.dumps(note).encode(), headers)
    assert status == 201, body
    location = response_headers["Location"]
    assert location.startswith(f"{server}/annotations/note/")
    status, _, body = request(location)
    assert status == 200 and json.loads(body)["body"]["value"] == "Vraiment ?"
    # the CLI sees the write through the running server
    exported = run_cli("export", "--format", "nq", store=data_dir)
    assert "Vraiment ?" in exported.stdout
    # an annotator may not delete someone else's note; revoking the token shuts the door at once
    assert run_cli("user", "add", "bea", "--role", "annotator", store=data_dir, input="a long password\n").returncode == 0
    other = run_cli("token", "create", "bea", store=data_dir).stdout.strip().splitlines()[-1]
    assert request(location, headers={"Authorization": f"Bearer {other}"}, method="DELETE")[0] == 403
    assert run_cli("token", "revoke", token, store=data_dir).returncode == 0
    assert request(f"{server}/annotations/", json.dumps(note).encode(), headers)[0] == 401
