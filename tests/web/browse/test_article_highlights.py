"""Bare highlights (oa:highlighting, no body; posted by Web Annotation clients or the workspace's form) are
marked in the article's text on the readers' page: framed and underlined, with words for screen readers, inside
or outside a claim's passage."""
import re

import pytest
from rdflib import URIRef

from tests.web.annotate.conftest import accounts, app  # noqa: F401  (the same accounts and app)
from tests.web.api.conftest import tokens  # noqa: F401
from tests.web.api.test_highlights import hypothesis
from tests.web.api.test_protocol import PASSAGE, send
from web.browse.sources import segments

ARTICLE_PAGE = "/source/touslestops-sora-article"
ARTICLE = URIRef("https://w3id.org/claimkb/source/touslestops-sora-article")


def article_text(html: str) -> str:
    return re.search(r'<div class="text"[^>]*>(.*?)</div>', html, re.S).group(1)


@pytest.fixture
def client(app):  # noqa: F811
    return app.test_client()


def highlight(client, token, exact):
    body = hypothesis("highlighting")
    body["target"]["selector"][0]["exact"] = exact
    response = send(client, "POST", "/annotations/", body, token)
    assert response.status_code == 201, response.get_data(as_text=True)


def test_an_article_without_highlights_marks_none(client):
    html = client.get(ARTICLE_PAGE).get_data(as_text=True)
    assert '<mark class="highlight">' not in article_text(html) and "highlight-edge" not in html


def test_a_bare_highlight_on_a_claim_is_marked_inside_the_claim(client, tokens):  # noqa: F811
    highlight(client, tokens["anna"], PASSAGE)
    text = article_text(client.get(ARTICLE_PAGE).get_data(as_text=True))
    # Framed, named for screen readers, and the claim's link and verdict colour stay around it.
    assert ('<span class="highlight-edge"><span aria-hidden="true">⟦</span><span class="visually-hidden">highlight:'
            '</span></span><span class="anchor-point" id="c-sora-still-in-research-phase"></span>'
            '<a class="hl v-true" href="/claim/sora-still-in-research-phase">'
            f'<mark class="highlight">{PASSAGE}</mark></a><span class="highlight-edge"><span aria-hidden="true">⟧'
            '</span><span class="visually-hidden">end of highlight</span></span>') in text
    assert text.count('<mark class="highlight">') == 1


def uncovered_passage(kb) -> str:
    """Forty characters of the article that no claim covers, found once in it, with nothing HTML escapes."""
    text = str(kb.select("browse/source", source=ARTICLE)[0]["text"])
    anchors = [(int(r["start"]), int(r["end"])) for r in kb.select("browse/source-anchors", source=ARTICLE)]
    for start in range(len(text) - 40):
        passage = text[start:start + 40]
        if (not any(s < start + 40 and start < e for s, e in anchors) and text.count(passage) == 1
                and not set(passage) & set("&<>\"'\n")):
            return passage
    raise AssertionError("no passage outside the claims")


def test_a_bare_highlight_outside_any_claim_and_the_help_in_french(client, tokens, kb):  # noqa: F811
    passage = uncovered_passage(kb)
    highlight(client, tokens["anna"], passage)
    html = client.get(ARTICLE_PAGE + "?lang=fr").get_data(as_text=True)
    assert ('<span class="visually-hidden">surlignage :</span></span>'
            f'<mark class="highlight">{passage}</mark><span class="highlight-edge">') in article_text(html)
    assert "fin du surlignage" in article_text(html) and "soulignés deux fois" in html


def test_segments_cut_where_claims_and_highlights_start_and_end():
    claim = {"start": 2, "end": 6}
    parts = segments("abcdefgh", [claim], [{"start": 4, "end": 8}])
    assert [(p["text"], bool(p["claims"]), p["highlighted"]) for p in parts] == [
        ("ab", False, False), ("cd", True, False), ("ef", True, True), ("gh", False, True)]
    assert parts[2]["highlight_starts"] and parts[3]["highlight_ends"] and parts[1]["starts"] == [claim]
