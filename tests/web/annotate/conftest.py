"""Fixtures for the fact-checkers' forms: a writable copy of the shipped KB on disk, its accounts (a file, or
a PostgreSQL database with ``CLAIMKB_TEST_ACCOUNTS=postgres``), and signed-in test clients for each role."""
import re

import pytest

from kb.accounts import Accounts
from tests import backends
from web import create_app

PASSWORD = "correct horse battery"
USERS = {"anna": "annotator", "rita": "reviewer", "remy": "reviewer", "eddie": "editor"}


@pytest.fixture
def accounts(data_dir) -> Accounts:
    accounts = Accounts(backends.accounts_db(data_dir))
    for name, role in USERS.items():
        accounts.add_user(name, PASSWORD, role, display_name=name.capitalize())
    return accounts


@pytest.fixture
def app(kb, data_dir, accounts):
    app = create_app({"KB": kb, "ACCOUNTS_DB": backends.accounts_db(data_dir), "SECRET_KEY": "test secret",
                      "SESSION_COOKIE_SECURE": False})
    app.config["TESTING"] = True
    return app


def csrf(client, path="/login") -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def login(client, name, password=PASSWORD):
    return client.post("/login", data={"name": name, "password": password, "csrf_token": csrf(client)})


@pytest.fixture
def signed_in(app):
    """signed_in("rita") -> a test client with rita's session."""
    def make(name):
        client = app.test_client()
        response = login(client, name)
        assert response.status_code == 303, response.get_data(as_text=True)
        return client
    return make


def form_token(client, path) -> str:
    return csrf(client, path)
