"""Hypothesis-driven input over real HTTP: random values in the browse parameters and paths, random JSON
and random changes to a valid annotation for the API. Never a 500; reads write nothing, and the API loses
nothing (a random change may still be a valid annotation, which is then written)."""
import json
import urllib.parse

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.reliability.conftest import ARTICLE, PASSAGE, no_server_error

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    ['"> } ; DROP ALL ; #', "\\u0022", "\r\n", "%", "%E9", "https://w3id.org/claimkb/claim/", "<script>"])
PARAMETERS = ("q", "verdict", "claimant", "source", "event", "presentedAs", "language", "sort", "page", "lang",
              "_format")


def path_for(kind: str, value: str) -> str:
    quoted = urllib.parse.quote(value, safe="")
    return {"claims": "/claims?" + urllib.parse.urlencode({"q": value}),
            "resource": "/resource?" + urllib.parse.urlencode({"iri": value}),
            "claim": f"/claim/{quoted}", "agent": f"/agent/{quoted}.ttl", "graph": f"/graph/claim/{quoted}",
            "history": "/annotate/claim/sora-still-in-research-phase/history?" + urllib.parse.urlencode({"as_of": value}),
            "annotation": f"/annotations/note/{quoted}"}[kind]


def test_browse_parameters(server):
    client = server.client()

    @FUZZ
    @given(st.dictionaries(st.sampled_from(PARAMETERS), texts, max_size=4))
    def claims_index(params):
        reply = client.get("/claims?" + urllib.parse.urlencode(params))
        no_server_error(reply, params)

    @FUZZ
    @given(st.sampled_from(["claims", "resource", "claim", "agent", "graph", "history", "annotation"]), texts)
    def paths(kind, value):
        reply = client.get(path_for(kind, value))
        no_server_error(reply, (kind, value))

    with server.nothing_written():
        claims_index()
        paths()


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                           max_leaves=8)
KEYS = (("type",), ("motivation",), ("body",), ("body", "value"), ("body", "language"), ("target",),
        ("target", "source"), ("target", "selector"), ("target", "selector", "exact"),
        ("target", "selector", "type"), ("target", "selector", "start"))


def valid():
    return {"type": "Annotation", "motivation": "commenting", "body": {"type": "TextualBody", "value": "v"},
            "target": {"source": ARTICLE, "selector": {"type": "TextQuoteSelector", "exact": PASSAGE}}}


def test_api_json(server):
    client = server.client(token="anna")

    @FUZZ
    @given(json_values)
    def anything(body):
        reply = client.post("/annotations/", body=json.dumps(body), headers={"Content-Type": "application/ld+json"})
        no_server_error(reply, body)

    @FUZZ
    @given(st.sampled_from(KEYS), json_values)
    def one_change(key, value):
        body = valid()
        node = body
        for part in key[:-1]:
            node = node[part]
        node[key[-1]] = value
        reply = client.post("/annotations/", body=json.dumps(body), headers={"Content-Type": "application/ld+json"})
        no_server_error(reply, body)

    with server.nothing_lost():
        anything()
        one_change()
