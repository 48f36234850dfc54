"""Article, index (facets, search, pages), agent, event, timeline, home, vocabulary, languages."""
from html.parser import HTMLParser

import pytest

ARTICLE = "/source/touslestops-sora-article"
TRUE = "https%3A%2F%2Fw3id.org%2Fclaimkb%23True"


def text(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


class Checker(HTMLParser):
    """Tags balance (void elements aside) and ids are unique: the markup is well formed."""
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                assert value not in self.ids, f"duplicate id {value}"
                self.ids.add(value)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


@pytest.mark.parametrize("path", ["/", "/claims", "/claims?q=openai", "/claim/sora-still-in-research-phase",
                                  ARTICLE, "/source/open-letter", "/agent/openai", "/event/access-cut",
                                  "/timeline", "/vocab", "/thing/sora", "/graph/claim/sora-still-in-research-phase",
                                  "/resource?iri=http%3A%2F%2Fschema.org%2FClaim"])
def test_pages_are_well_formed(client, path):
    checker = Checker()
    html = text(client, path)
    assert html.startswith("<!doctype html>")
    checker.feed(html)
    assert checker.stack == []


def test_article_highlights_every_anchored_claim_with_its_verdict_label(client):
    html = text(client, ARTICLE)
    assert 'id="c-sora-still-in-research-phase"></span><a class="hl v-true" href="/claim/sora-still-in-research-phase">' \
           'Sora est toujours en phase de recherche</a>' in html
    assert 'class="tag v-false" href="/claim/openai-has-not-commented"' in html
    assert "False</a>" in html  # the label, not colour alone
    side = html[html.index('class="side-list"'):]
    assert side.index("artists-on-strike-reveal-early-access") < side.index("sora-still-in-research-phase")


def test_index_facets_have_counts_and_filter(client):
    html = text(client, "/claims")
    assert "42 claims" in html
    assert f'href="/claims?verdict={TRUE}">True</a></span> <span class="count">14</span>' in html
    filtered = text(client, f"/claims?verdict={TRUE}")
    assert "14 claims" in filtered and "Verdict: True" in filtered


@pytest.mark.parametrize("query", ["recherche", "RECHERCHE", "phase de recherche", "réseaux", "reseaux",
                                   "l'acces", "research preview"])
def test_search_is_accent_insensitive_in_french_and_english(client, query):
    html = text(client, "/claims?q=" + query)
    assert "No claim matches" not in html, query


def test_search_finds_claim_texts_and_review_bodies(client):
    assert "/claim/sora-still-in-research-phase" in text(client, "/claims?q=research+preview")  # a review body
    assert "No claim matches" in text(client, "/claims?q=zzzyx")


def test_pagination(client):
    first, second = text(client, "/claims"), text(client, "/claims?page=2")
    assert "Page 1 of 3" in first and 'rel="next" href="/claims?page=2"' in first
    assert "Page 2 of 3" in second and 'rel="prev"' in second


def test_agent_page(client):
    html = text(client, "/agent/openai")
    assert "What they claimed, by time" in html and "/claim/sora-still-in-research-phase" in html
    assert "What was claimed about them" in html and "Their replies" in html


def test_event_page_and_timeline(client):
    html = text(client, "/event/access-cut")
    assert "OpenAI cuts the access used by the Space" in html and 'href="/agent/openai"' in html
    timeline = text(client, "/timeline")
    assert timeline.index("space-goes-live") < timeline.index("access-cut") < timeline.index("sora-turbo-release")


def test_home_counts_latest_reviews_and_distribution(client):
    html = text(client, "/")
    assert "<dd>42</dd>" in html and "Latest reviews" in html
    assert 'href="/claims?verdict=https%3A//w3id.org/claimkb%23True"' in html or "claimkb%23True" in html


def test_language_from_accept_language_and_switch(client):
    assert '<html lang="fr">' in text(client, "/", **{"Accept-Language": "fr-FR,fr;q=0.9"})
    assert '<html lang="en">' in text(client, "/", **{"Accept-Language": "de"})
    response = client.get("/?lang=fr")
    assert "claimkb_lang=fr" in response.headers["Set-Cookie"]


def test_vocabulary_page(client):
    html = text(client, "/vocab")
    assert 'id="Misquoted"' in html and "ClaimsKG" in html and "01-research-phase.rq" in html


@pytest.mark.parametrize("path, english, french", [
    (ARTICLE, "News article", "Article de presse"),
    ("/agent/openai", "Organization", "Organisation"),
])
def test_the_kind_above_a_title_is_in_the_readers_language(client, path, english, french):
    """Readers saw schema.org's class names ("NEWSARTICLE", "ORGANIZATION") in both languages."""
    own = client.application.test_client()  # its language cookie stays with it
    assert f'<p class="kicker">{english}</p>' in text(own, path + "?lang=en")
    assert f'<p class="kicker">{french}</p>' in text(own, path + "?lang=fr")


def test_an_agents_replies_name_the_claims_they_reply_to_by_their_text(client):
    """Readers saw the slug of each claim replied to ("letter-lured-into-art-washing")."""
    html = text(client.application.test_client(), "/agent/openai?lang=fr")
    assert ('répond à\u00a0: <a href="/claim/letter-lured-into-art-washing" lang="en">However, we believe instead we '
            'are being lured into') in html
    assert ">letter-lured-into-art-washing</a>" not in html
