"""Pages whose lists grow with the KB (issue 4): an event's claims, the timeline, an agent's claims, replies,
what was said about them and what they did are capped at capped.CAP, in a documented order, with the exact
count and (for events and claimants) a link to the claims index filtered the same way."""
import re
from datetime import datetime
from html import unescape as html_unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF

from kb.namespaces import BASE, CITO, CKB, SCHEMA
from web import create_app
from web.browse.capped import CAP

EVENT = BASE["event/access-cut"]
OPENAI = BASE["agent/openai"]
ARTICLE = BASE["source/touslestops-sora-article"]
EDITORS = BASE["agent/claimkb-editorial-team"]
ADDED = CAP + 7  # more than a page
DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def add_claims(kb, count: int, reviewed: int):
    """``count`` claims by OpenAI about the access cut, each replying to a shipped claim; the first ``reviewed``
    of them with a published review, dated one day apart (claim 0 the latest), the rest without one."""
    dataset = Dataset()
    for n in range(count):
        claim = BASE[f"claim/at-scale-{n}"]
        unit = dataset.graph(BASE[f"graph/claim/at-scale-{n}"])
        text = Literal(f"Affirmation à l’échelle n° {n}", lang="fr")
        for p, o in ((RDF.type, SCHEMA.Claim), (SCHEMA.text, text),
                     (SCHEMA.author, OPENAI), (SCHEMA.appearance, ARTICLE), (CKB.presentedAs, CKB.Paraphrase),
                     (SCHEMA.about, EVENT), (CITO.repliesTo, BASE["claim/artists-used-for-artistic-credibility"])):
            unit.add((claim, p, o))
        if n < reviewed:
            review, rating = BASE[f"review/at-scale-{n}"], BASE[f"review/at-scale-{n}#rating"]
            unit = dataset.graph(BASE[f"graph/review/at-scale-{n}"])
            for p, o in ((RDF.type, SCHEMA.ClaimReview), (SCHEMA.author, EDITORS), (SCHEMA.itemReviewed, claim),
                         (SCHEMA.claimReviewed, Literal(f"Affirmation à l’échelle n° {n}", lang="fr")),
                         (SCHEMA.datePublished, Literal(f"2025-03-{28 - n:02d}", datatype=DATE)),
                         (SCHEMA.reviewBody, Literal("Checked.", lang="en")), (SCHEMA.reviewRating, rating),
                         (SCHEMA.url, review), (CKB.status, CKB.Published)):
                unit.add((review, p, o))
            for p, o in ((RDF.type, SCHEMA.Rating), (SCHEMA.alternateName, Literal("True", lang="en")),
                         (SCHEMA.bestRating, Literal(6)), (SCHEMA.ratingValue, Literal(6)),
                         (SCHEMA.worstRating, Literal(1)), (CKB.verdict, CKB["True"])):
                unit.add((rating, p, o))
    kb.load(dataset, EDITORS)


@pytest.fixture
def grown(kb):
    """A client of the shipped KB plus ADDED claims about the access cut by OpenAI (10 of them reviewed)."""
    add_claims(kb, ADDED, reviewed=10)
    return create_app({"KB": kb}).test_client()


def html(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def section(page: str, title: str) -> str:
    found = re.search(r"<section><h2>" + re.escape(title) + r".*?</section>", page, re.S)
    assert found, f"no section {title!r}"
    return found.group(0)


def claims_in(fragment: str) -> list[str]:
    return re.findall(r'<a href="/claim/([^"#]+)">', fragment)


def link_text(fragment: str) -> str:
    return html_unescape(re.search(r'— <a href="([^"]+)">see all</a>', fragment).group(1))


def see_all(fragment: str, total: int) -> tuple[str, dict]:
    """The "N claims — see all" line of a list: its link as (path, query), once the count is checked."""
    assert f"{total} claims — <a href=" in fragment
    link = urlsplit(link_text(fragment))
    return link.path, parse_qs(link.query)


def about_event(kb) -> dict:
    """Every claim about the access cut -> the date of its latest published review (None: not reviewed),
    read straight from the store."""
    rows = kb.query("""PREFIX schema: <http://schema.org/> PREFIX ckb: <https://w3id.org/claimkb#>
        SELECT ?claim (MAX(?d) AS ?date) WHERE { ?claim a schema:Claim ; schema:about <%s>
          OPTIONAL { ?r schema:itemReviewed ?claim ; ckb:status ckb:Published ; schema:datePublished ?d } }
        GROUP BY ?claim""" % EVENT).rows
    return {str(row["claim"]).rsplit("/", 1)[-1]: (str(row["date"]) if row.get("date") else None) for row in rows}


def test_an_event_page_lists_the_most_recently_reviewed_claims_first_with_the_exact_count(grown, kb):
    dates = about_event(kb)
    assert len(dates) > CAP
    page = html(grown, "/event/access-cut")
    listed = section(page, "Claims about it")
    shown = claims_in(listed)
    assert len(shown) == CAP and len(set(shown)) == CAP
    # The order: latest published review first, unreviewed claims last; the ones left out are none newer.
    key = [dates[slug] or "" for slug in shown]
    assert key == sorted(key, reverse=True)
    assert min(key) >= max(dates[slug] or "" for slug in dates if slug not in shown)
    assert f"({len(dates)})" in listed
    link = see_all(listed, len(dates))
    assert link == ("/claims", {"event": [str(EVENT)]})
    # The link leads to the same claims, counted the same.
    index = html(grown, link_text(listed))
    assert f'<h2 id="results-count">{len(dates)} claims</h2>' in index


def test_a_short_list_is_whole_and_has_no_link(client):
    page = html(client, "/event/access-cut")
    listed = section(page, "Claims about it")
    count = int(re.search(r'<span class="count">\((\d+)\)</span>', listed).group(1))
    assert 0 < count <= CAP and len(claims_in(listed)) == count
    assert "see all" not in listed


def event_item(timeline: str, slug: str) -> str:
    return next(item for item in timeline.split('<li class="event"') if item.startswith(f' id="{slug}"'))


def test_the_timeline_shows_every_event_with_the_first_claims_of_each(grown, kb):
    page = html(grown, "/timeline")
    events = kb.query("PREFIX schema: <http://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                      "SELECT ?e WHERE { ?e a ?t . ?t rdfs:subClassOf* schema:Event }").rows
    assert events and all(f'id="{str(row["e"]).rsplit("/", 1)[-1]}"' in page for row in events)
    cut, live = event_item(page, "access-cut"), event_item(page, "space-goes-live")
    assert len(claims_in(cut)) == CAP
    assert see_all(cut, len(about_event(kb))) == ("/claims", {"event": [str(EVENT)]})
    # Events with few claims list them all, without a link.
    assert claims_in(live) and len(claims_in(live)) < CAP
    assert "see all" not in live


def test_an_agent_page_caps_what_they_claimed_and_their_replies(grown, kb):
    total = int(kb.query("PREFIX schema: <http://schema.org/> SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { "
                         f"?c a schema:Claim ; schema:author <{OPENAI}> }}").rows[0]["n"])
    replies = int(kb.query("PREFIX schema: <http://schema.org/> PREFIX cito: <http://purl.org/spar/cito/> "
                           "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { "
                           f"?c a schema:Claim ; schema:author <{OPENAI}> ; cito:repliesTo ?o }}").rows[0]["n"])
    assert total > CAP and replies > CAP
    page = html(grown, "/agent/openai")
    claimed = section(page, "What they claimed, by time")
    assert len(claims_in(claimed)) == CAP and f"({total})" in claimed
    assert see_all(claimed, total) == ("/claims", {"claimant": [str(OPENAI)]})
    index = html(grown, link_text(claimed))
    assert f'<h2 id="results-count">{total} claims</h2>' in index
    # Latest first: the dates shown never go up.
    days = re.findall(r'<span class="meta">(\d+ \w+ \d{4})</span>', claimed)
    parsed = [datetime.strptime(day, "%d %B %Y") for day in days]
    assert len(parsed) == CAP and parsed == sorted(parsed, reverse=True)
    answered = section(page, "Their replies")
    assert len(re.findall(r'<li class="claim-line">', answered)) == CAP and f"({replies})" in answered
    # The claims index cannot filter replies: the count, and no link.
    assert f"{replies} claims — {CAP} listed here" in answered and "see all" not in answered
    assert answered.count('replies to: <a href="/claim/') >= CAP


def test_counts_and_links_in_french(grown, kb):
    total = len(about_event(kb))
    page = html(grown, "/event/access-cut?lang=fr")
    assert f"{total} affirmations — <a " in page and ">tout voir</a>" in page
    assert "Les plus récemment vérifiées d’abord." in page
    agent = html(grown, "/agent/openai?lang=fr")
    assert "Les plus récentes d’abord." in agent and "ici</p>" in agent


def test_large_counts_are_written_as_readers_write_them(app_context):
    from flask import g
    from web.browse import messages
    g.lang = "en"
    assert messages.counted(42858, "claims") == "42,858 claims" and messages.counted(1, "claims") == "1 claim"
    g.lang = "fr"
    assert messages.counted(42858, "claims") == "42\u202f858 affirmations"


@pytest.fixture
def app_context(shipped_kb):
    with create_app({"KB": shipped_kb}).test_request_context("/"):
        yield


@pytest.mark.parametrize("path", ["/event/access-cut", "/timeline", "/agent/openai", "/agent/openai?lang=fr"])
def test_capped_pages_are_well_formed(grown, path):
    from tests.web.browse.test_pages import Checker
    checker = Checker()
    checker.feed(html(grown, path))
    assert checker.stack == []


def test_an_unpublished_review_is_not_among_what_its_author_did(kb):
    """Readers see published reviews only: a draft is neither listed nor counted on its author's page."""
    review, rating = BASE["review/at-scale-draft"], BASE["review/at-scale-draft#rating"]
    dataset = Dataset()
    unit = dataset.graph(BASE["graph/review/at-scale-draft"])
    for p, o in ((RDF.type, SCHEMA.ClaimReview), (SCHEMA.author, EDITORS), (SCHEMA.name, Literal("A draft review")),
                 (SCHEMA.itemReviewed, BASE["claim/sora-still-in-research-phase"]),
                 (SCHEMA.claimReviewed, Literal("Sora est toujours en phase de recherche", lang="fr")),
                 (SCHEMA.datePublished, Literal("2025-01-01", datatype=DATE)),
                 (SCHEMA.reviewBody, Literal("Not yet.", lang="en")), (SCHEMA.reviewRating, rating),
                 (SCHEMA.url, review), (CKB.status, CKB.Draft)):
        unit.add((review, p, o))
    for p, o in ((RDF.type, SCHEMA.Rating), (SCHEMA.alternateName, Literal("False", lang="en")),
                 (SCHEMA.bestRating, Literal(6)), (SCHEMA.ratingValue, Literal(1)),
                 (SCHEMA.worstRating, Literal(1)), (CKB.verdict, CKB["False"])):
        unit.add((rating, p, o))
    client = create_app({"KB": kb}).test_client()
    before = section(html(client, "/agent/claimkb-editorial-team"), "Events, works and reviews")
    kb.load(dataset, EDITORS)
    after = section(html(client, "/agent/claimkb-editorial-team"), "Events, works and reviews")
    assert "at-scale-draft" not in after and after == before
