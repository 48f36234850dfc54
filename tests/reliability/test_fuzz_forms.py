"""Hypothesis over the fact-checkers' forms (login, add a source, annotate: a claim or a note, review) with a
signed-in editor and its CSRF token, and over the annotation API: random values, alone or replacing one
field of a valid form. Never a 500; a refused request writes nothing (the whole dataset, read through the
server's ``/_kb/`` endpoint, is the same before and after); an accepted one only adds new units.

Examples are derandomized (the same every run) and few by default, so CI time stays bounded; set
``CLAIMKB_FUZZ_EXAMPLES`` for a longer run (``CLAIMKB_FUZZ_EXAMPLES=500 make test-all``)."""
import os
import shutil

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.reliability.conftest import (ARTICLE, CLAIM, INJECTIONS, PASSAGE, Server, add_accounts,
                                        no_server_error, note, serve, stop_server, unit_problems)
from tests.reliability.client import Client
from tests.reliability.test_fuzz import json_values

EXAMPLES = int(os.environ.get("CLAIMKB_FUZZ_EXAMPLES", "12"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))
PLAUSIBLE = [ARTICLE, PASSAGE, "https://w3id.org/claimkb#False", "https://w3id.org/claimkb/agent/openai",
             f"https://w3id.org/claimkb/claim/{CLAIM}", "2024-12-01", "2999-01-01", "0", "-1", "10", "99999999999",
             "fr", "en", "Published", "Draft", "Assertion", "DirectQuote", "commenting", "https://example.org/a",
             "javascript:alert(1)", "<script>alert(1)</script>", "", " ", "\r\n", "%", "%E9", *INJECTIONS]
values = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60) | st.sampled_from(PLAUSIBLE)

SOURCE = {"headline": "Un titre", "text": "Un texte. Une phrase de plus.", "language": "fr", "kind": "NewsArticle",
          "url": "https://example.org/fuzz", "date_published": "2024-12-01", "new_publisher": "P"}
CLAIM_FORM = {"source": ARTICLE, "passage": PASSAGE, "text": "une affirmation", "text_en": "a claim",
              "presented_as": "Assertion", "claimant": "https://w3id.org/claimkb/agent/openai"}
NOTE_FORM = {"source": ARTICLE, "passage": PASSAGE, "note_text": "une note", "motivation": "commenting",
             "language": "fr"}
REVIEW = {"verdict": "https://w3id.org/claimkb#False", "status": "Draft", "body_fr": "b", "body_en": "b",
          "date_published": "2024-12-01", "evidence_url_1": "https://example.org/e", "evidence_title_1": "E"}
FORMS = {  # path -> a valid form, whose fields the fuzzer fills or replaces
    "/annotate/sources/new": {**SOURCE, "publisher": "", "is_html": ""},
    "/annotate/claims/new": {**CLAIM_FORM, "start": "", "end": "", "occurrence": "", "new_claimant": "",
                             "new_claimant_type": "Organization", "first_appearance": "", "about": ""},
    "/annotate/notes/new": {**NOTE_FORM, "start": "", "end": "", "occurrence": ""},
    f"/annotate/claim/{CLAIM}/review": {**REVIEW, "evidence_url_2": "", "evidence_title_2": ""},
}


class FullDataset:
    """The whole dataset, unpublished reviews included (the public dumps leave those out), read over
    HTTP from the server's token-protected ``/_kb/`` endpoint, as ``claimkb export`` reads it."""

    def __init__(self, directory):
        from kb.connect import open_kb
        self.kb = open_kb(directory)  # the store is the server's: this goes through it

    def quads(self) -> bytes:
        return self.kb.export("nq")


@pytest.fixture(scope="module")
def fuzzed(shipped_dir, tmp_path_factory):
    """A server of its own: the login fuzzing trips the rate limit for 127.0.0.1, which would lock the
    shared server's later logins out. The editor signs in first; its session outlives the lock."""
    directory = tmp_path_factory.mktemp("fuzz-forms") / "store"
    shutil.copytree(shipped_dir, directory)
    tokens = add_accounts(directory, {"eddie": "editor"}, ("eddie",))
    process, url = serve(directory)
    server = Server(url, directory, tokens)
    eddie = server.client("eddie")
    yield server, eddie, eddie.csrf(), FullDataset(directory)
    stop_server(process)


def check(reply, before: bytes, dataset: FullDataset, what):
    """No 500; a refusal wrote nothing; a success lost nothing and left every unit whole."""
    no_server_error(reply, what)
    after = dataset.quads()
    if reply.status >= 400:
        assert after == before, f"{what}: refused with {reply.status}, yet the store changed"
    else:
        old, new = (set(ox.parse(data, format=ox.RdfFormat.N_QUADS)) for data in (before, after))
        assert old <= new, f"{what}: quads lost"
        assert unit_problems(new) == [], what
    return after


def test_forms(fuzzed):
    server, eddie, csrf, dataset = fuzzed
    state = {"dump": dataset.quads()}

    @FUZZ
    @given(st.sampled_from(sorted(FORMS)), st.dictionaries(st.sampled_from(sorted({k for f in FORMS.values() for k in f})),
                                                           values, max_size=4), st.booleans())
    def post(path, fields, from_valid):
        form = {**(FORMS[path] if from_valid else {}), **fields, "csrf_token": csrf}
        reply = eddie.post(path, form=form)
        state["dump"] = check(reply, state["dump"], dataset, (path, fields))

    post()


def test_login(fuzzed):
    server, _eddie, _csrf, dataset = fuzzed
    before = dataset.quads()

    @FUZZ
    @given(st.fixed_dictionaries({}, optional={"name": values | st.just("eddie"), "password": values,
                                               "next": values | st.sampled_from(["/annotate/", "//evil.example/",
                                                                                  "/\r\nX: y"])}))
    def login(form):
        client = Client(server.url)
        token = client.csrf("/login")
        reply = client.post("/login", form={**form, "csrf_token": token})
        no_server_error(reply, form)
        if reply.status in (302, 303):
            location = reply.header("Location", "")
            assert location.startswith("/") and not location.startswith("//"), (form, location)

    login()
    assert dataset.quads() == before


def test_api(fuzzed):
    server, _eddie, _csrf, dataset = fuzzed
    client = server.client(token="eddie")
    state = {"dump": dataset.quads()}

    @FUZZ
    @given(st.sampled_from([("motivation",), ("body", "value"), ("body", "type"), ("target", "source"),
                            ("target", "selector", "exact"), ("target", "selector", "type"),
                            ("target", "selector", "start"), ("body",), ("target",)]),
           json_values | values)
    def post(key, value):
        body = note("v")
        node = body
        for part in key[:-1]:
            node = node[part]
        node[key[-1]] = value
        reply = client.post("/annotations/", json=body)
        state["dump"] = check(reply, state["dump"], dataset, body)

    post()
