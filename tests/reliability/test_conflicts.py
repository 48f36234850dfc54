"""Edits that meet: two fact-checkers saving the same review, tokens replacing the same annotation at the
same moment, notes with the same text created at once. Of edits made on the same version exactly one is
written; the others get 409 (forms) or 412 (API) and write nothing; nothing is silently overwritten or
merged. (``test_load.py`` repeats these under load.)"""
import html
import re
import threading
from urllib.parse import urlsplit

from tests.reliability.conftest import CLAIM, note

REVIEW_EDIT = f"/annotate/review/{CLAIM}/edit"


def at_once(calls) -> list:
    """Run ``calls`` in threads released together; their answers in order."""
    barrier, answers = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        barrier.wait()
        answers[index] = call()
    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def review_form(client) -> dict:
    page = client.get(REVIEW_EDIT)
    assert page.status == 200, page
    return {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1),
            "version": re.search(r'name="version" value="([^"]+)"', page.text).group(1),
            "verdict": "https://w3id.org/claimkb#False", "status": "Published", "date_published": "2024-12-01"}


def test_a_review_form_saved_on_an_older_version_is_refused(server):
    eddie, rita = server.client("eddie"), server.client("rita")
    first, second = review_form(eddie), review_form(rita)
    assert first["version"] == second["version"]
    with server.history_kept():
        assert eddie.post(REVIEW_EDIT, form={**first, "body_fr": "l'avis d'Eddie"}).status == 303
    with server.nothing_written():
        late = rita.post(REVIEW_EDIT, form={**second, "body_fr": "l'avis de Rita"})
        assert late.status == 409, late
        assert "Someone else changed this" in late.text
    assert review_form(rita)["version"] != first["version"]  # the form now offers Eddie's version
    assert "Eddie" in rita.get(REVIEW_EDIT).text


def test_review_forms_saved_at_once_on_one_version_write_one(server):
    clients = [server.client(name) for name in ("eddie", "rita", "eddie")]
    forms = [review_form(client) for client in clients]
    assert len({form["version"] for form in forms}) == 1
    with server.history_kept():
        answers = at_once([lambda c=c, f=f, i=i: c.post(REVIEW_EDIT, form={**f, "body_fr": f"avis {i}"})
                           for i, (c, f) in enumerate(zip(clients, forms))])
    assert sorted(a.status for a in answers) == [303, 409, 409], answers


def test_puts_at_once_on_one_version_write_one(server):
    anna, eddie = server.client(token="anna"), server.client(token="eddie")
    created = anna.post("/annotations/", json=note("contested note"))
    assert created.status == 201, created
    path, etag = urlsplit(created.header("Location")).path, created.header("ETag")
    with server.history_kept():
        answers = at_once([lambda c=c, i=i: c.request("PUT", path, json=note(f"version {i}"),
                                                       headers={"If-Match": etag})
                           for i, c in enumerate((anna, eddie, eddie, anna))])
    assert sorted(a.status for a in answers) == [200, 412, 412, 412], answers
    winner = next(a for a in answers if a.status == 200)
    current = anna.get(path)
    assert current.header("ETag") == winner.header("ETag")
    assert current.json()["body"]["value"] == winner.json()["body"]["value"]


def test_notes_with_the_same_text_created_at_once_stay_apart(server):
    clients = [server.client(token=name) for name in ("anna", "otto", "anna", "eddie")]
    with server.nothing_lost():
        answers = at_once([lambda c=c: c.post("/annotations/", json=note("same words, same moment"))
                           for c in clients])
    assert [a.status for a in answers] == [201] * len(clients), answers
    locations = {a.header("Location") for a in answers}
    assert len(locations) == len(clients), locations
    creators = [str(server.client().get(urlsplit(url).path).json().get("creator")) for url in locations]
    assert len(set(creators)) == 3, creators  # each note keeps its own author: none merged into another


def test_a_claim_form_saved_on_an_older_version_is_refused(server):
    """As for reviews: the edit form carries the version it was filled in on; a late save gets 409."""
    edit = f"/annotate/claim/{CLAIM}/edit"

    def claim_form(client, text_en):
        page = client.get(edit)
        assert page.status == 200, page
        fields = dict(re.findall(r'<input type="hidden" name="(csrf_token|version)" value="([^"]*)"', page.text))
        text = html.unescape(re.search(r'<textarea id="f-text" name="text"[^>]*>(.*?)</textarea>', page.text, re.S).group(1))
        selected = re.findall(r'<option value="([^"]+)" selected>', page.text)  # claimant, first appearance
        return {**fields, "text": text.strip(), "text_en": text_en, "claimant": selected[0],
                "first_appearance": selected[1], "presented_as": "Paraphrase"}
    eddie, rita = server.client("eddie"), server.client("rita")
    first, second = claim_form(eddie, "Eddie's English rendering"), claim_form(rita, "Rita's English rendering")
    assert first["version"] == second["version"]
    with server.history_kept():
        saved = eddie.post(edit, form=first)
        assert saved.status == 303, saved
    with server.nothing_written():
        late = rita.post(edit, form=second)
        assert late.status == 409, late
        assert "Someone else changed this" in late.text
    assert "Eddie&#39;s English rendering" in rita.get(edit).text  # the form now offers Eddie's version
