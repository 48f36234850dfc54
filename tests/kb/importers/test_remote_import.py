"""Imports on a remote SPARQL 1.1 endpoint (a real Oxigraph server): one SPARQL Update per batch."""
from kb.connect import open_kb
from kb.importers import liar
from kb.knowledgebase import SYSTEM_AGENT
from tests.kb.test_remote import remote  # noqa: F401  (the fixture)


def test_liar_sample_on_a_remote_store_is_validated_and_idempotent(remote, liar_sample, tmp_path):  # noqa: F811
    from tests.kb.importers.test_liar import without_statement
    without_statement(liar_sample, 3)  # a claim with an empty text: skipped, the rest written
    kb = open_kb(tmp_path, remote=remote)
    report = liar.load(kb, liar_sample, SYSTEM_AGENT, progress=False)
    assert report.added == 59 and [s.where for s in report.skipped] == ["valid.tsv:3"]
    before = kb.export("nq")
    again = liar.load(kb, liar_sample, SYSTEM_AGENT, progress=False)
    assert again.added == 0 and again.present == 59
    assert kb.export("nq") == before
