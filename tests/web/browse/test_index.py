"""The claims index: several values of every facet at once (disjunctive facets), sorts and pages done by SPARQL,
counts that agree with the list, and the filter block that claims.rq, claims-reading.rq and claim-facets.rq share."""
import re
import urllib.parse
from importlib.resources import files

import pytest

TRUE, FALSE, MISLEADING = (f"https://w3id.org/claimkb#{v}" for v in ("True", "False", "Misleading"))
ARTICLE = "https://w3id.org/claimkb/source/touslestops-sora-article"
EVIDENCE = "https://w3id.org/claimkb/source/evidence-file"
AGENT = "https://w3id.org/claimkb/agent/"
TOUSLESTOPS, OPENAI, PUPPETS = (AGENT + name for name in ("touslestops", "openai", "sora-pr-puppets"))
FACETS = ("verdict", "claimant", "source", "event", "presentedAs", "language")


def html(client, **params):
    response = client.get("/claims?" + urllib.parse.urlencode(params, doseq=True))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def listed(page: str) -> list[str]:
    results = page[page.index('class="claims results-list"'):] if 'results-list' in page else ""
    return re.findall(r'<p class="text"><a href="(/claim/[^"]+)"', results)


def total(page: str) -> int:
    found = re.search(r'id="results-count">(\d+) claims?|id="results-count">1 claim', page)
    return int(found.group(1)) if found and found.group(1) else 1


def facet_section(page: str, facet: str) -> str:
    start = page.index(f'id="facet-{facet}"')
    return page[start:page.index("</section>", start)]


def counts(page: str, facet: str, params: dict) -> dict[str, int]:
    """The values the facet lists, with their counts. A value's link adds it to the facet's chosen values (or,
    for a chosen one, removes it): the value is what differs between the link and the page's own choice."""
    asked = params.get(facet, [])
    asked = asked if isinstance(asked, list) else [asked]
    found = {}
    for item in facet_section(page, facet).split("<li")[1:]:
        link = re.search(r'href="([^"]+)"', item)
        linked = urllib.parse.parse_qs(urllib.parse.urlparse(link.group(1).replace("&amp;", "&")).query).get(facet, [])
        (value,) = set(asked) ^ set(linked)
        found[value] = int(re.search(r'<span class="count">(\d+)</span>', item).group(1))
    return found


def every_claim(client, **params) -> list[str]:
    first = html(client, **params)
    pages = int(re.search(r"Page \d+ of (\d+)", first).group(1)) if "Page 1 of" in first else 1
    claims = listed(first)
    for number in range(2, pages + 1):
        claims += listed(html(client, page=number, **params))
    return claims


def test_several_verdicts_give_the_claims_with_any_of_them(client):
    both = html(client, verdict=[TRUE, FALSE])
    assert total(both) == 15 == total(html(client, verdict=TRUE)) + total(html(client, verdict=FALSE))
    assert "Verdict: True" in both and "Verdict: False" in both
    # every verdict can still be added, with its count among all claims
    assert re.search(r'<a href="/claims\?verdict=[^"]*True[^"]*verdict=[^"]*False[^"]*verdict=[^"]*Misleading">Misleading</a></span> '
                     r'<span class="count">6</span>', both.replace("&amp;", "&"))
    removing = re.search(r'<a href="(/claims\?[^"]*)" aria-current="true">False', both).group(1)
    assert urllib.parse.parse_qs(urllib.parse.urlparse(removing.replace("&amp;", "&")).query)["verdict"] == [TRUE]


def test_counts_agree_with_the_list_and_pages_cover_it_once(client):
    for params in ({}, {"verdict": MISLEADING}, {"q": "openai"}, {"source": ARTICLE, "sort": "reading"}, {"sort": "false"}):
        claims = every_claim(client, **params)
        assert len(claims) == len(set(claims)) == total(html(client, **params)), params


def test_other_facets_count_within_the_filters(client):
    page = html(client, verdict=MISLEADING)
    claimants = page[page.index('id="facet-claimant"'):page.index('id="facet-source"')]
    counts = [int(n) for n in re.findall(r'<span class="count">(\d+)</span>', claimants)]
    assert sum(counts) == total(page) == 6


def test_sorts(client):
    latest = every_claim(client)
    assert set(latest) == set(every_claim(client, sort="reading")) and len(latest) == 42
    reading = every_claim(client, sort="reading", source=ARTICLE)
    assert reading.index("/claim/artists-on-strike-reveal-early-access") < reading.index("/claim/sora-still-in-research-phase")
    most_true = every_claim(client, sort="verdict")
    least_true = every_claim(client, sort="false")
    assert most_true.index("/claim/sora-still-in-research-phase") < most_true.index("/claim/openai-has-not-commented")
    assert least_true.index("/claim/openai-has-not-commented") < least_true.index("/claim/sora-still-in-research-phase")


def test_search_needs_every_word_in_one_text(client):
    assert "/claim/sora-still-in-research-phase" in listed(html(client, q="Phase   RECHERCHE"))
    assert "/claim/sora-still-in-research-phase" in listed(html(client, q="research preview"))  # a review body
    assert total(html(client, q="openai zzzyx")) == 0 or "No claim matches" in html(client, q="openai zzzyx")


@pytest.mark.parametrize("params", [{"page": "0"}, {"page": "-3"}, {"page": "99"}, {"page": "x"},
                                    {"sort": "nonsense"},
                                    {"verdict": [f"https://w3id.org/claimkb#V{n}" for n in range(12)] * 2}])
def test_odd_parameters_give_a_page(client, params):
    html(client, **params)


def test_a_value_that_cannot_be_an_iri_is_a_bad_request(client):
    assert client.get("/claims?verdict=not%20an%20iri").status_code == 400


def filter_block(name: str) -> str:
    text = files("kb.queries").joinpath(f"browse/{name}.rq").read_text(encoding="utf-8")
    block = text[text.index("  # -- filter block"):text.index("  # -- end of the filter block")]
    return "\n".join(block.splitlines()[1:])


def test_the_three_queries_share_one_filter_block():
    assert filter_block("claims") == filter_block("claims-reading") == filter_block("claim-facets")


def test_a_claim_with_two_published_reviews_shows_the_newest_verdict_in_the_index(writable_client, kb):
    """The index reads the claims of a page in one query; each card shows the verdict of the newest published
    review, as the claim page does, whatever order the store gives the reviews in."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, XSD
    from kb.namespaces import BASE, CKB, SCHEMA
    claim = BASE["claim/sora-still-in-research-phase"]
    review = BASE["review/sora-still-in-research-phase-earlier"]
    rating = URIRef(str(review) + "#rating")
    graph = Graph()
    for p, o in ((RDF.type, SCHEMA.ClaimReview), (SCHEMA.author, BASE["agent/claimkb-editorial-team"]),
                 (SCHEMA.claimReviewed, Literal("Sora est toujours en phase de recherche.", lang="fr")),
                 (SCHEMA.datePublished, Literal("2025-01-10", datatype=XSD.date)), (SCHEMA.itemReviewed, claim),
                 (SCHEMA.reviewBody, Literal("An earlier reading.", lang="en")), (SCHEMA.reviewRating, rating),
                 (SCHEMA.url, review), (CKB.status, CKB.Published)):
        graph.add((review, p, o))
    for p, o in ((RDF.type, SCHEMA.Rating), (SCHEMA.alternateName, Literal("False", lang="en")),
                 (SCHEMA.bestRating, Literal(6)), (SCHEMA.ratingValue, Literal(1)), (SCHEMA.worstRating, Literal(1)),
                 (CKB.verdict, URIRef(FALSE))):
        graph.add((rating, p, o))
    kb.write(BASE["graph/review/sora-still-in-research-phase-earlier"], graph, BASE["agent/claimkb-editorial-team"])
    listing = html(writable_client, q="phase recherche")
    card = listing[listing.index('class="claims results-list"'):]
    card = card[:card.index("/claim/sora-still-in-research-phase")]
    assert "v-true" in card and "v-false" not in card
    claim_page = writable_client.get("/claim/sora-still-in-research-phase").get_data(as_text=True)
    assert 'class="verdict v-true' in claim_page


def test_several_claimants_give_the_claims_of_any_of_them(client):
    both = every_claim(client, claimant=[TOUSLESTOPS, OPENAI])
    assert set(both) == set(every_claim(client, claimant=TOUSLESTOPS)) | set(every_claim(client, claimant=OPENAI))
    assert len(both) == total(html(client, claimant=[TOUSLESTOPS, OPENAI])) == 25
    page = html(client, claimant=[TOUSLESTOPS, OPENAI])
    assert "Claimant: touslestops.fr" in page and "Claimant: OpenAI" in page
    assert len(re.findall(r'aria-current="true"', facet_section(page, "claimant"))) == 2
    french, english = (total(html(client, language=code)) for code in ("fr", "en"))
    assert total(html(client, language=["fr", "en"])) == 42 == french + english


def test_facets_combine_and_each_counts_without_its_own_filter(client):
    """Within a facet, any value; across facets, every one. A facet's counts are those it would have without its
    own filter, so that its other values can still be added."""
    params = {"claimant": [TOUSLESTOPS, OPENAI], "verdict": [TRUE, MISLEADING]}
    page = html(client, **params)
    claims = set(every_claim(client, **params))
    by_claimant, by_verdict = (set(every_claim(client, **{facet: params[facet]})) for facet in ("claimant", "verdict"))
    assert claims == by_claimant & by_verdict
    assert len(claims) == total(page) > 0
    assert counts(page, "claimant", params) == counts(html(client, verdict=params["verdict"]), "claimant", {})
    assert counts(page, "verdict", params) == counts(html(client, claimant=params["claimant"]), "verdict", {})


@pytest.mark.parametrize("params", [
    {"claimant": [TOUSLESTOPS, PUPPETS]},
    {"claimant": OPENAI, "verdict": [TRUE, FALSE]},
    {"source": [ARTICLE, EVIDENCE], "language": "fr", "presentedAs": "https://w3id.org/claimkb#DirectQuote"},
    {"event": ["https://w3id.org/claimkb/event/open-letter-published", "https://w3id.org/claimkb/event/access-cut"],
     "verdict": MISLEADING, "q": "sora"},
])
def test_a_value_counts_the_claims_that_choosing_it_alone_would_give(client, params):
    """The semantics stated in claim-facets.rq's header, checked value by value: a facet's count for a value is
    the total of the same filters with that value as the facet's only choice."""
    page = html(client, **params)
    for facet in FACETS:
        listed_here = counts(page, facet, params)
        for value, count in listed_here.items():
            assert total(html(client, **{**params, facet: value})) == count, (facet, value)
        if facet in params:  # its values are those it lists without its own filter
            others = {name: value for name, value in params.items() if name != facet}
            assert listed_here == counts(html(client, **others), facet, others), facet


def test_old_single_value_addresses_keep_working(client):
    page = html(client, claimant=OPENAI)
    assert total(page) == 10 == len(every_claim(client, claimant=OPENAI))
    assert re.search(r'<a href="/claims" aria-current="true">', facet_section(page, "claimant"))  # removing it


def test_a_full_facet_offers_no_more_values_and_extra_ones_are_dropped_visibly(client):
    nobody = [AGENT + f"nobody-{n}" for n in range(12)]
    full = html(client, claimant=[TOUSLESTOPS] + nobody[:8])
    claimants = facet_section(full, "claimant")
    assert "At most 9 values" in claimants and total(full) == 15
    assert '<span>OpenAI</span></span> <span class="count">10</span>' in claimants  # listed, counted, but no link
    assert "only the first" not in full
    cut = html(client, claimant=nobody[:9] + [TOUSLESTOPS])
    assert "Claimant: only the first 9 values asked are used." in cut and total(cut) == 0


@pytest.mark.parametrize("facet", ["claimant", "source", "event", "presentedAs"])
def test_a_value_that_cannot_be_an_iri_is_a_bad_request_in_every_facet(client, facet):
    assert client.get(f"/claims?{facet}={urllib.parse.quote(AGENT)}x&{facet}=not%20an%20iri").status_code == 400
