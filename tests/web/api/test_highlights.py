"""Generic Web Annotation clients (Hypothesis-style): comments, questions and bare highlights (no body)
posted to /annotations/ as such clients send them, then shown on the readers' article and claim pages."""
import json
import re

import pytest

from tests.web.api.test_protocol import ARTICLE, PASSAGE, send

ARTICLE_PAGE = "/source/touslestops-sora-article"
CLAIM_PAGE = "/claim/sora-still-in-research-phase"  # its passage is PASSAGE


def hypothesis(motivation: str, text: str | None = None) -> dict:
    """An annotation as Hypothesis exports it: a quote selector with prefix and suffix, and for a
    highlight no body at all."""
    annotation = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "motivation": motivation,
                  "target": {"source": ARTICLE, "selector": [{"type": "TextQuoteSelector", "exact": PASSAGE}]}}
    if text is not None:
        annotation["body"] = [{"type": "TextualBody", "value": text, "format": "text/markdown"}]
    return annotation


@pytest.fixture
def client(app):
    return app.test_client()


def notes_section(html: str) -> str:
    found = re.search(r'<section class="notes" id="notes">.*?</section>', html, re.S)
    assert found, "no notes on the page"
    return found.group(0)


def test_a_bare_highlight_is_accepted_and_marks_its_passage(client, tokens):
    assert '<mark class="note-highlight">' not in client.get(ARTICLE_PAGE).get_data(as_text=True)
    response = send(client, "POST", "/annotations/", hypothesis("highlighting"), tokens["anna"])
    assert response.status_code == 201, response.get_data(as_text=True)
    created = response.json
    assert created["motivation"] == "highlighting" and "body" not in created
    read = client.get(response.headers["Location"].removeprefix("http://localhost"))
    assert read.status_code == 200 and "body" not in read.json
    for page in (ARTICLE_PAGE, CLAIM_PAGE):
        notes = notes_section(client.get(page).get_data(as_text=True))
        assert f'<mark class="note-highlight">{PASSAGE}</mark>' in notes, page
        assert "highlight" in notes


def test_generic_comments_and_questions_show_on_the_article_and_claim_pages(client, tokens):
    for motivation, text in [("commenting", "Research preview, not research phase."),
                             ("questioning", "Since when?")]:
        response = send(client, "POST", "/annotations/", hypothesis(motivation, text), tokens["anna"])
        assert response.status_code == 201, response.get_data(as_text=True)
        assert response.json["body"]["value"] == text
    for page in (ARTICLE_PAGE, CLAIM_PAGE):
        notes = notes_section(client.get(page).get_data(as_text=True))
        assert "Research preview, not research phase." in notes and "Since when?" in notes
        assert f"<q>{PASSAGE}</q>" in notes  # a comment quotes its passage; only highlights mark it


@pytest.mark.parametrize("motivation", ["commenting", "questioning"])
def test_only_a_highlight_may_have_no_body(client, tokens, kb, motivation):
    before = kb.export("nq")
    response = send(client, "POST", "/annotations/", hypothesis(motivation), tokens["anna"])
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == "application/problem+json"
    # The note is built with an empty text, which the shapes refuse with what to write.
    assert "A note needs exactly one text (rdf:value), not empty" in json.dumps(response.json)
    assert kb.export("nq") == before


def test_the_workspace_form_makes_a_bare_highlight_from_an_empty_note(app, kb):
    from tests.web.annotate.conftest import csrf, login
    client = app.test_client()
    assert login(client, "anna").status_code == 303
    token = csrf(client, "/annotate/source/touslestops-sora-article")
    response = client.post("/annotate/notes/new", data={
        "source": ARTICLE, "passage": PASSAGE, "motivation": "highlighting", "note_text": "", "csrf_token": token})
    assert response.status_code == 303, response.get_data(as_text=True)
    page = client.get("/annotate/source/touslestops-sora-article").get_data(as_text=True)
    assert f'<mark class="note-highlight">{PASSAGE}</mark>' in page
    # The form and the API write the same kind of annotation: the container lists it without a body.
    listed = [item for page in range(3) for item in client.get(f"/annotations/?page={page}").json["items"]]
    highlights = [item for item in listed if item.get("motivation") == "highlighting"]
    assert highlights and all("body" not in item for item in highlights)


def test_an_empty_body_list_is_no_body(client, tokens):
    response = send(client, "POST", "/annotations/", {**hypothesis("highlighting"), "body": []}, tokens["anna"])
    assert response.status_code == 201, response.get_data(as_text=True)
    assert "body" not in response.json
