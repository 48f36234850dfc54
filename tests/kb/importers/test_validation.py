"""Batch validation of imports gives exactly what kb.incremental.check_write gives on the same write."""
import pytest
from rdflib import Graph, Literal, URIRef

from kb.importers import liar, validation
from kb.importers.common import _triples, _units_of
from kb.incremental import check_write
from kb.namespaces import BASE, CKB, SCHEMA


def batch(liar_sample):
    """The sample's records, less the one without a context (valid.tsv:2), which breaks a shape."""
    records, shared = liar.records(liar.read(liar_sample))
    return [r for r in records if r.where != "valid.tsv:2"], shared


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
