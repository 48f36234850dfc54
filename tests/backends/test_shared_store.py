"""Several workers over one shared store (docs/deploy.md): apps built by ``web.wsgi`` from the same
environment, as each gunicorn worker builds its own, on one real Oxigraph server."""
import pytest

from tests.backends.oxigraph import OxigraphServer
from tests.kb.test_knowledgebase import ALICE, UNIT, claim_graph


@pytest.fixture
def workers(tmp_path, monkeypatch):
    server = OxigraphServer(tmp_path / "oxigraph")  # empty: the first worker loads the shipped KB
    monkeypatch.setenv("CLAIMKB_STORE", str(tmp_path / "data"))
    monkeypatch.setenv("CLAIMKB_SPARQL_QUERY", server.remote["query"])
    monkeypatch.setenv("CLAIMKB_SPARQL_UPDATE", server.remote["update"])
    from web.wsgi import app
    yield app(), app()
    server.stop()


def test_a_write_through_one_worker_is_seen_by_the_other_at_once(workers):
    first, second = workers
    assert second.test_client().get("/claim/test-claim").status_code == 404
    first.extensions["claimkb"].write(UNIT, claim_graph("Écrit par le premier."), ALICE)
    page = second.test_client().get("/claim/test-claim", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "Écrit par le premier." in page.get_data(as_text=True)


def test_the_workers_share_the_session_key_and_the_accounts_of_the_data_directory(workers):
    first, second = workers
    assert first.secret_key == second.secret_key
    first.extensions["claimkb_accounts"].add_user("anna", "correct horse battery", "annotator")
    assert second.extensions["claimkb_accounts"].user("anna") is not None
