"""The facade's writes: units of work as named graphs, provenance, revisions, retractions, all or nothing."""
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from kb.connect import open_kb
from kb.knowledgebase import WriteRefused
from kb.namespaces import BASE, CKB, PROVENANCE_GRAPH, SCHEMA

CLAIM = BASE["claim/test-claim"]
UNIT = BASE["graph/claim/test-claim"]
ALICE = BASE["agent/alice"]
OPENAI = BASE["agent/openai"]
ARTICLE = BASE["source/touslestops-sora-article"]


def claim_graph(text="Sora est un outil.", claimant=OPENAI) -> Graph:
    graph = Graph()
    graph.add((CLAIM, RDF.type, SCHEMA.Claim))
    graph.add((CLAIM, SCHEMA.text, Literal(text, lang="fr")))
    graph.add((CLAIM, SCHEMA.author, claimant))
    graph.add((CLAIM, SCHEMA.appearance, ARTICLE))
    graph.add((CLAIM, CKB.presentedAs, CKB.Assertion))
    return graph


def in_view(kb, triple) -> bool:
    return triple in kb.current_view()


def test_a_write_is_a_named_graph_in_the_current_view_with_its_provenance(kb):
    kb.write(UNIT, claim_graph(), ALICE)
    assert len(kb.graph(UNIT)) == 5
    assert in_view(kb, (CLAIM, SCHEMA.text, Literal("Sora est un outil.", lang="fr")))
    provenance = kb.graph(PROVENANCE_GRAPH)
    assert (UNIT, PROV.wasAttributedTo, ALICE) in provenance
    assert provenance.value(UNIT, PROV.generatedAtTime) is not None


def test_a_revision_replaces_the_old_version_in_the_view_and_keeps_it(kb):
    kb.write(UNIT, claim_graph("Première version."), ALICE)
    revised = BASE["graph/claim/test-claim/v2"]
    kb.write(revised, claim_graph("Seconde version."), ALICE, revision_of=UNIT)
    view = kb.current_view()
    assert (CLAIM, SCHEMA.text, Literal("Seconde version.", lang="fr")) in view
    assert (CLAIM, SCHEMA.text, Literal("Première version.", lang="fr")) not in view
    # Triples both versions share stay in the view; the old version is still there as a graph.
    assert (CLAIM, SCHEMA.author, OPENAI) in view
    assert (CLAIM, SCHEMA.text, Literal("Première version.", lang="fr")) in kb.graph(UNIT)
    provenance = kb.graph(PROVENANCE_GRAPH)
    assert (revised, PROV.wasRevisionOf, UNIT) in provenance
    assert provenance.value(UNIT, PROV.invalidatedAtTime) is not None


def test_a_retraction_hides_the_unit_but_keeps_triples_other_units_hold(kb):
    kb.write(UNIT, claim_graph(), ALICE)
    other = BASE["graph/claim/other"]
    shared = Graph()
    shared.add((OPENAI, SCHEMA.name, Literal("OpenAI")))
    shared.add((OPENAI, RDF.type, SCHEMA.Organization))
    kb.write(other, shared, ALICE)
    kb.retract(UNIT, ALICE)
    view = kb.current_view()
    assert (CLAIM, RDF.type, SCHEMA.Claim) not in view
    assert (OPENAI, SCHEMA.name, Literal("OpenAI")) in view
    assert len(kb.graph(UNIT)) == 5
    assert kb.graph(PROVENANCE_GRAPH).value(UNIT, PROV.invalidatedAtTime) is not None


def test_a_write_that_breaks_a_shape_is_refused_and_changes_nothing(kb):
    before = kb.export("nq")
    graph = claim_graph(claimant=BASE["claim/sora-still-in-research-phase"])  # a claim is not an agent
    with pytest.raises(WriteRefused) as refused:
        kb.write(UNIT, graph, ALICE)
    assert any(v.focus == str(CLAIM) and v.path == str(SCHEMA.author) for v in refused.value.violations)
    assert kb.export("nq") == before


def test_retracting_an_agent_others_depend_on_is_refused(kb):
    before = kb.export("nq")
    with pytest.raises(WriteRefused):
        kb.retract(BASE["graph/agent/openai"], ALICE)
    assert kb.export("nq") == before


def test_writes_persist_across_reopening(data_dir):
    kb = open_kb(data_dir)
    kb.write(UNIT, claim_graph(), ALICE)
    kb.close()
    again = open_kb(data_dir)
    try:
        assert (CLAIM, RDF.type, SCHEMA.Claim) in again.current_view()
    finally:
        again.close()


def test_blank_nodes_are_skolemised_into_iris(kb):
    from rdflib import BNode
    graph = claim_graph()
    note = BNode()
    graph.add((CLAIM, SCHEMA.about, note))
    graph.add((note, RDF.type, SCHEMA.Thing))
    kb.write(UNIT, graph, ALICE)
    about = set(kb.current_view().objects(CLAIM, SCHEMA.about))
    assert about and all(isinstance(a, URIRef) and "/.well-known/genid/" in a for a in about)


def test_the_shipped_kb_conforms(shipped_kb):
    assert shipped_kb.validate_all() == []
