"""The claim page: what a reader relies on, and the ClaimReview JSON-LD that Google's Fact Check reads."""
import json
import re
from html.parser import HTMLParser

CLAIM = "/claim/sora-still-in-research-phase"


class Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.jsonld, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data):
        if self._in:
            self.jsonld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in = False


def page(client, path=CLAIM, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_claim_page_shows_texts_claimant_passage_and_verdict(client):
    html = page(client)
    assert "Sora est toujours en phase de recherche." in html
    assert "Sora is still in a research phase." in html
    assert '<a href="/agent/openai">OpenAI</a>' in html
    assert '<mark class="passage-mark v-true">Sora est toujours en phase de recherche</mark>' in html
    assert "affirmant que " in html  # the passage is shown in its context
    assert 'href="/source/touslestops-sora-article#c-sora-still-in-research-phase"' in html
    assert re.search(r'class="verdict v-true"[^>]*><span class="mark" aria-hidden="true">✓</span> True', html)
    assert "Statement by OpenAI spokesperson Niko Felix" in html  # first appearance
    assert "paraphrase" in html


def test_claim_page_shows_the_review_its_reasons_evidence_and_author(client):
    html = page(client)
    assert "Sora is still in research preview" in html
    assert 'href="https://americannewsgroup.com/?p=122005"' in html
    assert "Ars Technica report on the Sora early-access leak" in html
    assert '<a href="/agent/claimkb-editorial-team">claimkb editorial team</a>' in html
    assert 'id="review-sora-still-in-research-phase"' in html


def test_relations_are_shown_both_ways_with_verdicts(client):
    html = page(client)
    assert "Replies to" in html and 'href="/claim/artists-reduced-to-pr-puppets-quote"' in html
    answered = page(client, "/claim/artists-reduced-to-pr-puppets-quote")
    assert "Replied to by" in answered and f'href="{CLAIM}"' in answered
    assert "Disputed by" in answered


def test_a_misquote_is_flagged_plainly(client):
    html = page(client, "/claim/artists-reduced-to-pr-puppets-quote")
    assert 'class="flag misquote"' in html
    assert "Misquote: the quoted source does not contain these words as quoted." in html
    assert "direct quote" in html
    assert "flag misquote" not in page(client)


def test_history_of_verdicts(client):
    html = page(client)
    assert "History of verdicts" in html and 'href="/graph/review/sora-still-in-research-phase"' in html


def test_claim_review_jsonld_has_what_google_reads(client):
    parser = Scripts()
    parser.feed(page(client))
    (review,) = parser.jsonld
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["url"] == "https://w3id.org/claimkb/review/sora-still-in-research-phase"
    assert review["claimReviewed"] == "Sora est toujours en phase de recherche."
    assert review["datePublished"] == "2026-11-25"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "True", "ratingValue": 6,
                                      "bestRating": 6, "worstRating": 1}
    assert review["author"]["name"] == "claimkb editorial team"
    assert review["itemReviewed"]["author"]["name"] == "OpenAI"
    assert review["itemReviewed"]["appearance"]["@id"] == "https://w3id.org/claimkb/source/touslestops-sora-article"
    assert review["itemReviewed"]["datePublished"] == "2024-11-26"


def test_claim_page_in_french(client):
    html = page(client, CLAIM + "?lang=fr")
    assert '<html lang="fr">' in html and "Vrai" in html and "Auteur de l’affirmation" in html
    assert "Exact, à la date des faits." in html


def test_a_claim_text_with_markup_is_escaped(writable_client, kb):
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF
    from kb.namespaces import BASE, CKB, SCHEMA
    claim = BASE["claim/xss"]
    graph = Graph()
    graph.add((claim, RDF.type, SCHEMA.Claim))
    graph.add((claim, SCHEMA.text, Literal("<script>alert('x')</script> & co", lang="fr")))
    graph.add((claim, SCHEMA.author, BASE["agent/openai"]))
    graph.add((claim, SCHEMA.appearance, BASE["source/touslestops-sora-article"]))
    graph.add((claim, CKB.presentedAs, CKB.Assertion))
    kb.write(BASE["graph/claim/xss"], graph, BASE["agent/claimkb-editorial-team"])
    html = page(writable_client, "/claim/xss")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co" in html
    listing = page(writable_client, "/claims?q=alert")
    assert "<script>alert" not in listing and "&lt;script&gt;" in listing
