"""Batch validation of imports gives exactly what kb.incremental.check_write gives on the same write."""
import gc

import pytest
from rdflib import Graph, Literal, URIRef

from kb.importers import liar, validation
from kb.importers.common import _triples, _units_of
from kb.incremental import check_write
from kb.namespaces import BASE, CKB, SCHEMA


def batch(liar_sample):
    """The sample's records, every one of which conforms."""
    return liar.records(liar.read(liar_sample))


def damaged(records):
    """Some records broken the ways a write can be: a missing value, a wrong verdict, a literal claimant."""
    first, second, third = records[0], records[1], records[2]
    for graph in first.units.values():
        for triple in list(graph.triples((None, SCHEMA.appearance, None))):
            graph._triples.pop(triple)
    for graph in second.units.values():
        for triple in list(graph.triples((None, CKB.verdict, None))):
            graph._triples.pop(triple)
            graph.add((triple[0], CKB.verdict, CKB.Rumour))
    for graph in third.units.values():
        for triple in list(graph.triples((None, SCHEMA.author, None))):
            graph.add((triple[0], SCHEMA.author, Literal("someone")))
    return records


@pytest.mark.parametrize("broken", [False, True])
def test_check_batch_equals_check_write(kb, liar_sample, broken):
    records, shared = batch(liar_sample)
    if broken:
        records = damaged(records)
    added = _triples(_units_of(records, shared, set()))
    expected = check_write(kb.store, added)
    groups = validation.independent_groups([(r.units, r.needs) for r in records], 3)
    assert len(groups) == 3
    graphs = [_triples(_units_of([records[i] for i in group], shared, set())) for group in groups]
    assert validation.check_batch(kb.store, graphs) == expected
    assert validation.check_batch(kb.store, [added]) == expected
    assert bool(expected) == broken


def test_records_that_refer_to_each_other_stay_in_one_group(liar_sample):
    records, _shared = batch(liar_sample)
    claim = next(iter(records[0].units.values()))
    subject = next(claim.subjects())
    next(iter(records[-1].units.values())).add((BASE["claim/x"], SCHEMA.about, subject))
    assert validation.independent_groups([(r.units, r.needs) for r in records], 2) == [list(range(len(records)))]


# -- the fast path: compiled shape checks on the batch, pySHACL for the nodes they do not pass ------------

def units_of(records, shared):
    return _units_of(records, shared, set())


@pytest.mark.parametrize("broken", [False, True])
def test_the_fast_path_equals_check_write(kb, liar_sample, broken):
    records, shared = batch(liar_sample)
    if broken:
        records = damaged(records)
    units = units_of(records, shared)
    assert validation.fast_check(kb.store, units) == check_write(kb.store, _triples(units))


ARTICLE = "The minister spoke first.\n\nTaxes will not rise next year.\n\nThe opposition disagreed."


def anchored(damage=None):
    """A new article and a claim anchored in it, as one record's units (the article a shared unit):
    ``damage`` changes one selector value (predicate, new value) the way a bad anchor would."""
    from kb.anchor import add_anchor, locate
    from kb.importers.common import SharedUnits, Triples, unit_name
    from kb.importers.liar import POLITIFACT
    from kb.namespaces import OA
    from rdflib.namespace import RDF, XSD
    article, claim, anchor = BASE["source/fast-article"], BASE["claim/fast-claim"], BASE["anchor/fast-claim"]
    shared = SharedUnits()
    text = Triples([(article, RDF.type, SCHEMA.NewsArticle), (article, SCHEMA.headline, Literal("A", lang="en")),
                    (article, SCHEMA.inLanguage, Literal("en")), (article, SCHEMA.publisher, POLITIFACT),
                    (article, SCHEMA.text, Literal(ARTICLE))])
    shared.add(unit_name(article), text, "article")
    shared.add(unit_name(POLITIFACT), Triples([(POLITIFACT, RDF.type, SCHEMA.Organization),
                                               (POLITIFACT, SCHEMA.name, Literal("PolitiFact"))]), "publisher")
    graph = Graph()
    graph.add((claim, RDF.type, SCHEMA.Claim))
    graph.add((claim, SCHEMA.text, Literal("Taxes will not rise next year.", lang="en")))
    graph.add((claim, SCHEMA.author, POLITIFACT))
    graph.add((claim, SCHEMA.appearance, article))
    graph.add((claim, CKB.presentedAs, CKB.DirectQuote))
    add_anchor(graph, anchor, claim, article, locate(ARTICLE, "Taxes will not rise next year."))
    if damage:
        predicate, value = damage
        node = URIRef(f"{anchor}#{'position' if predicate in (OA.start, OA.end) else 'quote'}")
        graph.set((node, predicate, Literal(value, datatype=XSD.nonNegativeInteger) if isinstance(value, int)
                   else Literal(value)))
    from kb.importers.common import Record
    record = Record("claim", {unit_name(claim): Triples(graph)}, {unit_name(article), unit_name(POLITIFACT)})
    return [record], shared


def _damages():
    from kb.namespaces import OA
    return [None, (OA.exact, "Taxes will rise next year."), (OA.prefix, "spoke"), (OA.suffix, "The end"),
            (OA.end, 500), (OA.start, 40), (OA.end, 29)]


@pytest.mark.parametrize("damage", _damages(), ids=lambda d: "conforming" if d is None else d[0].rsplit("#")[-1])
def test_the_fast_path_equals_check_write_on_anchors(empty_kb, damage):
    records, shared = anchored(damage)
    units = units_of(records, shared)
    expected = check_write(empty_kb.store, _triples(units))
    assert bool(expected) == (damage is not None)
    assert validation.fast_check(empty_kb.store, units) == expected


def test_the_batch_reads_as_an_rdflib_graph_of_its_triples(liar_sample):
    """What kb.incremental reads of a batch on the fast path (validation.Added) is what an rdflib graph of
    its triples gives, for each kind of pattern, objects that are literals included (its index of what
    points to a node leaves them out)."""
    records, shared = batch(liar_sample)
    graph = _triples(units_of(records, shared))
    added = validation.Added(validation.index(graph)[0])
    literals = {o for o in graph.objects() if isinstance(o, Literal)}
    nodes = {o for o in graph.objects() if not isinstance(o, Literal)}
    assert literals and nodes
    for o in [*sorted(literals)[:20], *sorted(nodes)[:20]]:
        assert set(added.triples((None, None, o))) == set(graph.triples((None, None, o)))
        for p in set(graph.predicates(None, o)):
            assert set(added.subjects(p, o)) == set(graph.subjects(p, o))
    for s in sorted(set(graph.subjects()))[:20]:
        assert set(added.triples((s, None, None))) == set(graph.triples((s, None, None)))


def test_the_cycle_collector_is_on_again_after_a_fast_check(kb, liar_sample):
    """fast_check holds Python's cycle collector off while it runs, for the whole process: it is on again
    after, also when the check fails (here the write it waits for), and left off if it was off."""
    records, shared = batch(liar_sample)

    def failed_write():
        raise RuntimeError("the batch being written failed")

    assert gc.isenabled()
    assert validation.fast_check(kb.store, units_of(records, shared)) == []
    assert gc.isenabled()
    with pytest.raises(RuntimeError, match="being written failed"):
        validation.fast_check(kb.store, units_of(damaged(records), shared), settle=failed_write)
    assert gc.isenabled()
    gc.disable()
    try:
        validation.fast_check(kb.store, units_of(records, shared))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_batch_that_adds_to_a_resource_of_the_store_is_left_to_the_batch_path(kb, liar_sample):
    records, shared = batch(liar_sample)
    units = units_of(records, shared)
    assert validation.fast_check(kb.store, units) == []
    agent = next(s for graph in units.values() for s in graph.subjects() if "/agent/" in str(s))
    kb.store.update(f"INSERT DATA {{ <{agent}> <{SCHEMA.description}> \"already here\"@en }}")
    assert validation.fast_check(kb.store, units) is None


def test_a_batch_being_written_is_read_as_part_of_the_store(empty_kb, liar_sample):
    """What the next batch's validation reads while the previous one is written (kb.importers.writer)."""
    records, shared = batch(liar_sample)
    first = units_of(records[:5], shared)
    second = _units_of(records[5:], shared, set(first))
    pending = validation.index(triple for graph in first.values() for triple in graph)
    without = validation.fast_check(empty_kb.store, second)
    assert without, "the second batch needs the agents and contexts of the first"
    written = " ".join(f"{s.n3()} {p.n3()} {o.n3()} ." for graph in first.values() for s, p, o in graph)
    empty_kb.store.update(f"INSERT DATA {{ {written} }}")
    expected = check_write(empty_kb.store, _triples(second))
    assert expected == []
    empty_kb.store.update(f"DELETE DATA {{ {written} }}")
    assert validation.fast_check(empty_kb.store, second) == without
    assert validation.fast_check(empty_kb.store, second, pending) == expected
