import pytest

from web import create_app


@pytest.fixture(scope="module")
def client(shipped_kb):
    return create_app({"KB": shipped_kb}).test_client()


@pytest.fixture
def writable_client(kb):
    return create_app({"KB": kb}).test_client()
