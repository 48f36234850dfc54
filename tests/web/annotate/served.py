"""A real ``claimkb serve`` on a copy of the shipped KB, with accounts made by the real CLI, for the
workspace tests that go over real HTTP (``tests.reliability.client.Client``)."""
import shutil
from contextlib import contextmanager

from kb.accounts import Accounts
from tests.reliability.client import Client
from tests import backends, conftest
from tests.reliability.conftest import add_accounts, stop_server


class Served:
    def __init__(self, url, directory, tokens):
        self.url, self.directory, self.tokens = url, directory, tokens

    def client(self, user=None, token=None) -> Client:
        """Anonymous, signed in as ``user``, or with an API ``token``."""
        client = Client(self.url, token=token)
        if user:
            reply = client.login(user)
            assert reply.status == 303, reply
        return client

    def accounts(self) -> dict:
        """name -> role, read from the accounts database (what the server wrote)."""
        return {user.name: user.role for user in Accounts(backends.accounts_db(self.directory)).users()}


@contextmanager
def serve(shipped_dir, tmp_path_factory, users: dict, tokens=()):
    directory = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(shipped_dir, directory)
    made = add_accounts(directory, users, tokens)
    process, url = conftest.serve(directory)
    try:
        yield Served(url, directory, made)
    finally:
        stop_server(process)
