"""The in-memory claims index (kb/claim_index.py) kept write by write equals one built from scratch, after
each kind of write that changes a claim's line: a new claim, a review drafted then published, a source's
language, an event's date, an extra anchor, a retraction; and a write that bypasses the facade is noticed."""
import time

import pytest
from rdflib import Graph, Literal, URIRef

from kb.claim_index import SORT_KEYS, ClaimIndex
from kb.namespaces import BASE, CKB, SCHEMA
from kb.workspace import Workspace

AGENT = BASE["agent/claimkb-editorial-team"]
SORA = BASE["source/sora-leak-article"]


def fresh(kb):
    return ClaimIndex(kb.store).lines()


def same(kb):
    """The kept index equals a new build: every line, and the order of every sort."""
    kept, built = kb.claim_index.lines(), fresh(kb)
    assert kept.lines == built.lines
    assert [line.claim for line in kept.order("reading")] == [line.claim for line in built.order("reading")]
    for sort in ("date", "verdict", "false"):  # ties may come in another order
        key = SORT_KEYS[sort][0]
        assert [key(line) for line in kept.order(sort)] == [key(line) for line in built.order(sort)]
    return kept


@pytest.fixture
def indexed(kb):
    if kb.claim_index is None:
        pytest.skip("a remote store keeps no index (tests/backends)")
    kb.claim_index.lines()  # built before the writes, so that they are applied one by one
    return kb


def claim_in(ws, source, text, **extra):
    found = ws.selectors(source, None, None, passage=text)
    extra.setdefault("claimant", BASE["agent/openai"])
    return ws.claim(source=source, selectors=found, presented_as="DirectQuote", text=text, **extra)


def test_new_claims_reviews_and_retractions_keep_the_index_equal_to_a_new_build(indexed):
    kb, ws = indexed, Workspace(indexed)
    before = len(kb.claim_index.lines())
    source = ws.source(headline="Essai d’index", text="Le réseau était ouvert. Personne n’a été prévenu.",
                       language="fr", publisher=BASE["agent/touslestops"])
    ws.commit(source, AGENT)
    claim = claim_in(ws, source.resource, "Le réseau était ouvert.", claimant=None, new_claimant="Agence Témoin")
    ws.commit(claim, AGENT)
    lines = same(kb)
    assert len(lines) == before + 1
    line = lines.lines[str(claim.resource)]
    assert line.values["language"] == ("fr",) and line.texts == ("le reseau etait ouvert.",)
    assert line.anchor == (str(source.resource), 0) and line.date is None

    draft = ws.review(claim=claim.resource, verdict=CKB["False"],
                      bodies={"fr": "Démenti par l’opérateur."}, evidence=[], author=AGENT, status="Draft",
                      date_published="2024-11-27", labels=[Literal("Faux", lang="fr")], scale=None, title_language="fr")
    ws.commit(draft, AGENT)
    assert same(kb).lines[str(claim.resource)].values["verdict"] == ()  # a draft is nobody's verdict yet
    unit = ws.current_unit(draft.resource)
    published = ws.review(claim=claim.resource, verdict=CKB["False"], bodies={"fr": "Démenti par l’opérateur."},
                          evidence=[], author=AGENT, status="Published", date_published="2024-11-27",
                          labels=[Literal("Faux", lang="fr")], scale=None, title_language="fr", slug=str(draft.resource).rsplit("/", 1)[-1],
                          unit=ws.next_unit(draft.resource, "review"))
    ws.commit(published, AGENT, revision_of=unit)
    line = same(kb).lines[str(claim.resource)]
    assert line.values["verdict"] == (str(CKB["False"]),) and line.date == "2024-11-27"
    assert "dementi par l'operateur." in line.texts

    kb.retract(ws.current_unit(published.resource), AGENT)
    assert same(kb).lines[str(claim.resource)].values["verdict"] == ()
    kb.retract(ws.current_unit(claim.resource), AGENT)
    assert str(claim.resource) not in same(kb).lines


def test_changes_to_what_a_claim_points_at_reach_its_line(indexed):
    kb, ws = indexed, Workspace(indexed)
    source = ws.source(headline="Autre essai", text="Une phrase à citer ici.", language="fr",
                       publisher=BASE["agent/touslestops"])
    ws.commit(source, AGENT)
    event = BASE["event/test-index-event"]
    dated = Graph()
    dated.add((event, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), SCHEMA.Event))
    dated.add((event, SCHEMA.name, Literal("Un événement", lang="fr")))
    dated.add((event, SCHEMA.startDate, Literal("2024-11-26", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))))
    kb.write(BASE["graph/event/test-index-event/v1"], dated, AGENT)
    claim = claim_in(ws, source.resource, "Une phrase à citer", about=[event])
    ws.commit(claim, AGENT)
    line = same(kb).lines[str(claim.resource)]
    assert line.values["event"] == (str(event),) and line.values["language"] == ("fr",)

    kb.retract(BASE["graph/event/test-index-event/v1"], AGENT)  # the claim is still about it: not an event now
    assert same(kb).lines[str(claim.resource)].values["event"] == ()

    unit = ws.current_unit(source.resource)
    languaged = kb.graph(unit)
    languaged.remove((source.resource, SCHEMA.inLanguage, None))
    languaged.add((source.resource, SCHEMA.inLanguage, Literal("en")))
    kb.write(ws.next_unit(source.resource, "source"), languaged, AGENT, revision_of=unit)
    assert same(kb).lines[str(claim.resource)].values["language"] == ("en",)


def test_a_write_past_the_facade_makes_the_index_read_everything_again(indexed):
    kb = indexed
    claim = BASE["claim/written-past-the-facade"]
    kb.store.update("INSERT DATA { <%s> a <http://schema.org/Claim> ; <http://schema.org/text> \"Hors façade\" }"
                    % claim)
    lines = same(kb)
    assert lines.lines[str(claim)].texts == ("hors facade",)


def test_the_index_answers_filters_counts_and_search(indexed):
    lines = indexed.claim_index.lines()
    everything, rows = lines.answer({}, [], "date")
    total = next(row["count"] for row in rows if row["facet"] == "total")
    assert total == len(everything) == len(lines)
    openai = BASE["agent/openai"]
    by_openai, rows = lines.answer({"claimant": [str(openai)]}, [], "date")
    assert by_openai and all(str(openai) in lines.lines[str(c)].values["claimant"] for c in by_openai)
    claimants = {row["value"]: row["count"] for row in rows if row["facet"] == "claimant"}
    assert claimants[openai] == len(by_openai)  # a facet's own counts ignore its own filter
    assert sum(claimants.values()) >= total
    found, _rows = lines.answer({}, ["greve", "denoncent"], "date")  # "grève dénoncent", folded
    assert found and all(any("greve denoncent" in t for t in lines.lines[str(c)].texts) for c in found)


def test_a_background_build_answers_none_until_done_then_catches_up(indexed):
    kb = indexed
    index = ClaimIndex(kb.store)
    index.start()
    kb.store.update('INSERT DATA { <%s> a <http://schema.org/Claim> }' % BASE["claim/during-the-build"])
    deadline = time.monotonic() + 120
    while (lines := index.lines()) is None:
        assert time.monotonic() < deadline, "the background build never finished"
        time.sleep(0.05)
    assert lines.lines == fresh(kb).lines and str(BASE["claim/during-the-build"]) in lines.lines
