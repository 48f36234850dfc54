import pytest

from tests.web.annotate.conftest import accounts, app  # noqa: F401  (the same accounts and app)


@pytest.fixture
def tokens(accounts):
    """name -> a bearer token of that user."""
    return {name: accounts.create_token(name)[1] for name in ("anna", "rita", "eddie")}
