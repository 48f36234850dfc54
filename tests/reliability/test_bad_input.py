"""Bad input, each answered by a clear 4xx that says why, with the store unchanged: malformed JSON-LD and
Turtle, wrong encodings, offsets outside the text, selectors that match nothing, malformed and future dates,
verdicts outside the scale, huge bodies. Nothing a client sends answers 500."""
import json
from datetime import date, timedelta

import pytest

from tests.conftest import run_cli
from tests.reliability.conftest import ARTICLE, CLAIM, PASSAGE, no_server_error

ANNO = "application/ld+json"


def note(selector=None, **changes):
    body = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "motivation": "commenting",
            "body": {"type": "TextualBody", "value": "v"},
            "target": {"source": ARTICLE, "selector": selector or {"type": "TextQuoteSelector", "exact": PASSAGE}}}
    body.update(changes)
    return json.dumps(body).encode("utf-8")


def position(start, end):
    return {"type": "TextPositionSelector", "start": start, "end": end}


API_BODIES = {  # name -> (body, content type, status, words the answer must hold)
    "not-json": (b'{"type": "Annotation",', ANNO, 400, "not JSON"),
    "turtle-as-json": (b"@prefix oa: <http://www.w3.org/ns/oa#> . <a> a oa:Annotation .", ANNO, 400, "not JSON"),
    "turtle": (b"@prefix oa: <http://www.w3.org/ns/oa#> . <a> a oa:Annotation .", "text/turtle", 415, "JSON-LD"),
    "no-type": (b"", "", 415, "JSON-LD"),
    "latin-1": (note({"type": "TextQuoteSelector", "exact": "Sora"}).replace(b"Sora", "Soré".encode("latin-1")),
                ANNO, 400, "UTF-8"),
    "lone-surrogate": (note().replace(b'"value": "v"', b'"value": "\\ud800"'), ANNO, 400, "UTF-8"),
    "nested-too-deep": (b"[" * 50000 + b"]" * 50000, ANNO, 400, "not JSON"),
    "a-list": (b"[]", ANNO, 400, "JSON object"),
    "not-an-annotation": (json.dumps({"type": "Person"}).encode(), ANNO, 422, "annotation"),
    "offsets-after-the-end": (note(position(10 ** 7, 10 ** 7 + 5)), ANNO, 422, "exact"),
    "offsets-negative": (note(position(-5, 3)), ANNO, 422, "start"),
    "offsets-reversed": (note(position(50, 10)), ANNO, 422, "end"),
    "offsets-not-numbers": (note(position("0", "5")), ANNO, 422, "whole numbers"),
    "offsets-booleans": (note(position(True, False)), ANNO, 422, "whole numbers"),
    "quote-not-in-text": (note({"type": "TextQuoteSelector", "exact": "pas dans le texte du tout"}), ANNO, 422,
                          "not in the document"),
    "quote-and-position-disagree": (note([position(0, 5), {"type": "TextQuoteSelector", "exact": "Nothing"}]),
                                    ANNO, 422, "exact"),
    "quote-not-a-string": (note({"type": "TextQuoteSelector", "exact": ["Sora"]}), ANNO, 422, "string"),
    "type-not-a-string": (note(type=5), ANNO, 422, "annotation"),
    "value-not-a-string": (note(body={"type": "TextualBody", "value": {"x": 1}}), ANNO, 422, "string"),
    "unknown-source": (note(target={"source": "https://example.org/nowhere", "selector": {"exact": "x"}}), ANNO,
                       422, "not a document"),
    "source-not-an-iri": (note(target={"source": "not an iri", "selector": {"exact": "x"}}), ANNO, 400,
                          "not a valid IRI"),
    "unknown-motivation": (note(motivation="vandalising"), ANNO, 422, "motivation"),
}


@pytest.mark.parametrize("name", API_BODIES)
def test_bad_annotations_are_refused_with_the_reason(server, name):
    body, kind, status, words = API_BODIES[name]
    client = server.client(token="anna")
    with server.nothing_written():
        reply = client.post("/annotations/", body=body, headers={"Content-Type": kind} if kind else {})
    assert reply.status == status, reply
    assert reply.header("Content-Type") == "application/problem+json"
    assert words in reply.json()["detail"] or words in reply.json()["title"], reply.json()


def test_huge_bodies_are_refused_before_they_are_read(server):
    client = server.client(token="anna")
    with server.nothing_written():
        declared = client.post("/annotations/", body=b"{}", headers={"Content-Type": ANNO,
                                                                      "Content-Length": str(10 ** 9)})
        assert declared.status == 413, declared
        sent = client.post("/annotations/", body=note(body={"type": "TextualBody", "value": "x" * (9 * 2 ** 20)}),
                           headers={"Content-Type": ANNO})
        assert sent.status == 413, sent
        editor = server.client("eddie")
        form = editor.post("/annotate/sources/new", form={"csrf_token": editor.csrf(), "headline": "H",
                                                          "text": "x" * (9 * 2 ** 20)})
        assert form.status == 413, form


def form_cases():
    future = (date.today() + timedelta(days=30)).isoformat()
    review = {"verdict": "https://w3id.org/claimkb#False", "status": "Draft", "body_fr": "b",
              "date_published": "2024-12-01"}
    source = {"headline": "H", "text": "Un texte.", "language": "fr", "new_publisher": "P"}
    claim = {"source": ARTICLE, "text": "t", "presented_as": "Assertion"}
    return {  # name -> (path, form, status, words the page must hold)
        "offsets-outside-the-text": ("/annotate/claims/new", {**claim, "start": "999999", "end": "1000005"}, 422,
                                     "within the text"),
        "offsets-reversed": ("/annotate/claims/new", {**claim, "start": "50", "end": "10"}, 422, "within the text"),
        "passage-not-in-text": ("/annotate/claims/new", {**claim, "passage": "pas dans le texte"}, 422,
                                "not in the text"),
        "note-offsets-outside": ("/annotate/notes/new", {"source": ARTICLE, "start": "-1", "end": "10 ** 9",
                                                         "note_text": "n"}, 422, "within the text"),
        "date-malformed": (f"/annotate/claim/{CLAIM}/review", {**review, "date_published": "2024-13-45"}, 422,
                           "YYYY-MM-DD"),
        "date-in-the-future": (f"/annotate/claim/{CLAIM}/review", {**review, "date_published": future}, 422,
                               "in the future"),
        "source-date-in-the-future": ("/annotate/sources/new", {**source, "date_published": future}, 422,
                                      "in the future"),
        "verdict-outside-the-scale": (f"/annotate/claim/{CLAIM}/review",
                                      {**review, "verdict": "https://w3id.org/claimkb#Pants-on-fire"}, 422,
                                      "Pick one of the choices"),
        "verdict-a-scheme-term": (f"/annotate/claim/{CLAIM}/review",
                                  {**review, "verdict": "https://w3id.org/claimkb#VerdictScheme"}, 422,
                                  "Pick one of the choices"),
        "status-unknown": (f"/annotate/review/{CLAIM}/status", {"status": "Deleted"}, 400, "Unknown status"),
        "url-javascript": ("/annotate/sources/new", {**source, "url": "javascript:alert(1)"}, 422,
                           "starting with http"),
        "language-not-a-code": ("/annotate/sources/new", {**source, "language": "français !"}, 422,
                                "language code"),
    }


@pytest.mark.parametrize("name", form_cases())
def test_bad_form_input_is_refused_with_the_reason(server, name):
    path, form, status, words = form_cases()[name]
    editor = server.client("eddie")
    token = editor.csrf()
    with server.nothing_written():
        reply = editor.post(path, form={**form, "csrf_token": token})
    no_server_error(reply, name)
    assert reply.status == status, reply
    assert words in reply.text, reply


def test_forms_and_queries_not_in_utf8_are_refused(server):
    editor = server.client("eddie")
    token = editor.csrf()
    with server.nothing_written():
        body = f"csrf_token={token}&headline=Caf%E9&text=Un+caf%E9.&language=fr&new_publisher=P"
        reply = editor.post("/annotate/sources/new", body=body,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert reply.status == 400 and "UTF-8" in reply.text, reply
        raw = f"csrf_token={token}&headline=".encode() + "Café".encode("latin-1")
        reply = editor.post("/annotate/sources/new", body=raw,
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert reply.status == 400 and "UTF-8" in reply.text, reply
        reply = editor.get("/claims?q=caf%E9")
        assert reply.status == 400 and "UTF-8" in reply.text, reply
        reply = editor.post("/sparql", body='ASK { ?s ?p "café" }'.encode("latin-1"),
                            headers={"Content-Type": "application/sparql-query"})
        assert reply.status == 400 and "UTF-8" in reply.text, reply


def test_malformed_files_are_refused_by_the_cli_through_the_server(server, tmp_path):
    """``claimkb load`` while the server runs: a malformed Turtle or JSON-LD file is refused whole."""
    cases = {"broken.ttl": "@prefix schema: <http://schema.org/> .\n<https://w3id.org/claimkb/claim/x> a schema:Claim",
             "broken.jsonld": '{"@id": "https://w3id.org/claimkb/claim/x", "@type": ',
             "latin1.ttl": None}
    with server.nothing_written():
        for name, text in cases.items():
            path = tmp_path / name
            if text is None:
                path.write_bytes('<https://w3id.org/claimkb/claim/x> <http://schema.org/text> "Café" .'.encode("latin-1"))
            else:
                path.write_text(text, encoding="utf-8")
            result = run_cli("load", str(path), store=server.directory)
            assert result.returncode in (1, 2), (name, result.stdout, result.stderr)
            assert "Traceback" not in result.stderr and name in result.stderr, (name, result.stderr)
