"""The facade on a remote SPARQL 1.1 endpoint: a real Oxigraph server on a free local port."""
import pytest
from rdflib import Graph, Literal

from kb.connect import open_kb
from kb.knowledgebase import WriteRefused
from kb.namespaces import BASE, CKB, SCHEMA
from tests.backends.oxigraph import OxigraphServer
from tests.kb.test_knowledgebase import ALICE, CLAIM, UNIT, claim_graph


@pytest.fixture
def remote(tmp_path):
    server = OxigraphServer(tmp_path / "oxigraph")
    yield server.remote
    server.stop()


def test_an_empty_remote_store_gets_the_shipped_kb_and_answers_the_same(remote, shipped_kb, tmp_path):
    kb = open_kb(tmp_path, remote=remote)
    rows = kb.select("competency/01-research-phase")
    assert rows == shipped_kb.select("competency/01-research-phase")
    assert kb.validate_all() == []


def test_writes_revisions_and_refusals_on_the_remote_store(remote, tmp_path):
    kb = open_kb(tmp_path, remote=remote)
    kb.write(UNIT, claim_graph("Première version."), ALICE)
    revised = BASE["graph/claim/test-claim/v2"]
    kb.write(revised, claim_graph("Seconde version."), ALICE, revision_of=UNIT)
    view = kb.current_view()
    assert (CLAIM, SCHEMA.text, Literal("Seconde version.", lang="fr")) in view
    assert (CLAIM, SCHEMA.text, Literal("Première version.", lang="fr")) not in view
    before = kb.export("nq")
    bad = claim_graph()
    bad.set((CLAIM, CKB.presentedAs, CKB.Rumour))
    with pytest.raises(WriteRefused):
        kb.write(BASE["graph/claim/bad"], bad, ALICE)
    assert Graph().parse(data=kb.export("nq"), format="nquads") is not None
    assert kb.export("nq") == before
