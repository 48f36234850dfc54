"""The claims index in memory (kb/claim_index.py) answers /claims as the SPARQL queries do: the same claims in
the same order (ties of the sort aside), the same total and the same count for every facet value, for filters
of every facet (one value and several), searches, their combinations and every sort; on the shipped KB and
after writes. The SPARQL queries are the reference: they answer on a remote store."""
from collections import Counter

import pytest
from rdflib import Literal

from kb import sparql
from kb.claim_index import SORT_KEYS
from kb.namespaces import BASE, CKB
from kb.workspace import Workspace
from web.browse.index import filter_bindings, search_words

EDITOR = BASE["agent/claimkb-editorial-team"]


def by_sparql(kb, chosen: dict, words: list[str], sort: str):
    bindings = filter_bindings(chosen, words)
    facets = kb.store.select(sparql.text("browse/claim-facets"), bindings)
    if sort == "reading":
        rows = kb.store.select(sparql.text("browse/claims-reading"), bindings)
    else:
        rows = kb.store.select(sparql.text("browse/claims"), {**bindings, "sort": Literal(sort)})
    return [str(row["claim"]) for row in rows], facets


def counts(rows) -> Counter:
    return Counter({(str(row["facet"]), str(row.get("value", ""))): int(row["count"]) for row in rows})


def agree(kb, chosen: dict, query: str = "", sort: str = "date"):
    words = search_words(query)
    lines = kb.claim_index.lines()
    claims, facets = lines.answer(chosen, words, sort)
    expected_claims, expected_facets = by_sparql(kb, chosen, words, sort)
    where = f"filters {chosen}, search {query!r}, sort {sort}"
    assert counts(facets) == counts(expected_facets), where
    if sort == "reading":
        assert claims == expected_claims, where
    else:  # the same claims, and the same sort keys in the same order (ties may come in another order)
        key = SORT_KEYS[sort][0]
        assert sorted(claims) == sorted(expected_claims), where
        assert [key(lines.lines[c]) for c in claims] == [key(lines.lines[c]) for c in expected_claims], where
    return claims


def most_frequent(kb, facet: str, n: int) -> list[str]:
    found = Counter(value for line in kb.claim_index.lines().lines.values() for value in line.values[facet])
    return [value for value, _count in found.most_common(n)]


@pytest.fixture
def indexed(kb):
    if kb.claim_index is None:
        pytest.skip("a remote store keeps no index (tests/backends)")
    return kb


def filters(kb) -> list[dict]:
    """Filters of every facet, alone, with two values, and combined."""
    cases = [{}]
    for facet in ("verdict", "claimant", "source", "event", "presentedAs", "language"):
        values = most_frequent(kb, facet, 2)
        assert values, f"the shipped KB has values for {facet}"
        cases += [{facet: values[:1]}, {facet: values}]
    cases += [{"verdict": most_frequent(kb, "verdict", 3), "claimant": most_frequent(kb, "claimant", 2)},
              {"event": most_frequent(kb, "event", 1), "language": ["fr"], "presentedAs": most_frequent(kb, "presentedAs", 1)},
              {"source": most_frequent(kb, "source", 3), "verdict": [str(CKB["True"])]},
              {"claimant": [str(BASE["agent/nobody-at-all"])]}]
    undated = {about for line in kb.claim_index.lines().lines.values() for about in line.about} - \
        {event for line in kb.claim_index.lines().lines.values() for event in line.values["event"]}
    assert undated, "the shipped KB has claims about things that are not events"
    cases += [{"event": sorted(undated)[:2]}]  # filtered by, never counted as events
    return cases


def test_the_index_answers_as_sparql_for_every_filter_and_sort(indexed):
    for chosen in filters(indexed):
        for sort in ("date", "reading", "verdict", "false"):
            agree(indexed, chosen, sort=sort)


def test_the_index_searches_as_sparql(indexed):
    for query in ("OpenAI", "grève dénoncent", "l'accès", "RÉSEAU", "aperçu de recherche", "zzzz-nothing"):
        for chosen in ({}, {"claimant": most_frequent(indexed, "claimant", 1)}):
            agree(indexed, chosen, query)
    assert agree(indexed, {}, "OpenAI") and not agree(indexed, {}, "zzzz-nothing")


def test_the_index_and_sparql_still_agree_after_writes(indexed):
    kb, ws = indexed, Workspace(indexed)
    kb.claim_index.lines()
    source = ws.source(headline="Un article d’essai", text="Le modèle était accessible à tous. Rien n’a fuité.",
                       language="fr", publisher=BASE["agent/touslestops"])
    ws.commit(source, EDITOR)
    found = ws.selectors(source.resource, None, None, passage="Le modèle était accessible à tous.")
    claim = ws.claim(source=source.resource, selectors=found, claimant=BASE["agent/openai"],
                     presented_as="Paraphrase", text="Le modèle était accessible à tous.")
    ws.commit(claim, EDITOR)
    review = ws.review(claim=claim.resource, verdict=CKB["Misleading"], bodies={"fr": "Accès réservé aux testeurs."},
                       evidence=[], author=EDITOR, status="Published", date_published="2024-11-28",
                       labels=[Literal("Trompeur", lang="fr")], scale=None, title_language="fr")
    ws.commit(review, EDITOR)
    assert str(claim.resource) in agree(kb, {"verdict": [str(CKB["Misleading"])]}, "reserve testeurs")
    for chosen in filters(kb):
        agree(kb, chosen, sort="date")
    kb.retract(ws.current_unit(review.resource), EDITOR)
    assert not agree(kb, {"verdict": [str(CKB["Misleading"])]}, "reserve testeurs")
    agree(kb, {}, sort="verdict")
