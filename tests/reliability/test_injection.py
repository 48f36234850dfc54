"""SPARQL injection through every value that reaches a query: the browse parameters, the paths with slugs,
the forms' fields and the API's JSON. Values are bound as RDF terms, never formatted into query text, so
each attempt is either refused (4xx, nothing written) or stored as the literal text it is (nothing lost)."""
import urllib.parse

import pytest
from rdflib import Graph, URIRef

from kb.namespaces import SCHEMA

from tests.reliability.conftest import ARTICLE, CLAIM, INJECTIONS, PASSAGE, no_server_error

quote = urllib.parse.quote


def q(path, **params):
    return path + "?" + urllib.parse.urlencode(params)


READ_PARAMETERS = {  # entry point -> the request path for a value
    "search": lambda v: q("/claims", q=v),
    **{f"facet-{facet}": (lambda facet: lambda v: q("/claims", **{facet: v}))(facet)
       for facet in ("verdict", "claimant", "source", "event", "presentedAs", "language")},
    "facet-and-search": lambda v: q("/claims", q=v, verdict="https://w3id.org/claimkb#True", sort=v, page=v),
    "resource-iri": lambda v: q("/resource", iri=v),
    "resource-iri-absolute": lambda v: q("/resource", iri="http://example.org/" + v),
    "resource-own-iri": lambda v: q("/resource", iri="https://w3id.org/claimkb/claim/" + v),
    **{f"slug-{kind}": (lambda kind: lambda v: f"/{kind}/{quote(v)}")(kind)
       for kind in ("claim", "agent", "source", "event", "thing", "review", "anchor", "graph/claim")},
    "slug-with-suffix": lambda v: f"/claim/{quote(v)}.ttl",
    "genid": lambda v: f"/.well-known/genid/{quote(v)}",
    "format": lambda v: q(f"/claim/{CLAIM}", _format=v),
    "language": lambda v: q("/", lang=v),
    "history": lambda v: f"/annotate/claim/{quote(v)}/history",
    "history-as-of": lambda v: q(f"/annotate/claim/{CLAIM}/history", as_of=v),
    "annotation": lambda v: f"/annotations/note/{quote(v)}",
    "annotation-page": lambda v: q("/annotations/", page=v),
    "sparql-graph-parameter": lambda v: q("/sparql", query="ASK {}", **{"default-graph-uri": v}),
    "sparql-timeout": lambda v: q("/sparql", query="ASK {}", timeout=v),
}


@pytest.mark.parametrize("entry", READ_PARAMETERS)
def test_read_parameters_are_bound_not_formatted(server, entry):
    client = server.client()
    with server.nothing_written():
        for value in INJECTIONS:
            reply = client.get(READ_PARAMETERS[entry](value))
            no_server_error(reply, f"{entry}={value!r}")
    assert client.get("/claims").status == 200


def test_a_search_for_query_text_finds_it_as_text(server):
    reply = server.client().get(q("/claims", q='"} ; DROP ALL'))
    assert reply.status == 200 and "DROP ALL" in reply.text  # echoed in the search box, escaped


def form_posts(token):
    """(what, path, form) for every write form, each with an injection in one field."""
    claim = {"source": ARTICLE, "passage": PASSAGE, "text": "t", "presented_as": "Assertion"}
    review = {"verdict": "https://w3id.org/claimkb#True", "status": "Draft", "body_fr": "b"}
    posts = []
    for value in INJECTIONS[:4]:
        for field in ("publisher", "url", "date_published", "language", "kind"):
            posts.append((f"source {field}", "/annotate/sources/new",
                          {"headline": "H", "text": "Un texte.", "language": "fr", field: value}))
        for field in ("source", "start", "end", "claimant", "presented_as", "about", "first_appearance", "occurrence"):
            posts.append((f"claim {field}", "/annotate/claims/new", {**claim, field: value}))
        for field in ("verdict", "status", "date_published", "evidence_url_1"):
            posts.append((f"review {field}", f"/annotate/claim/{CLAIM}/review", {**review, field: value}))
        posts.append(("link", f"/annotate/claim/{CLAIM}/link", {"relation": value, "other": value}))
        posts.append(("link other", f"/annotate/claim/{CLAIM}/link", {"relation": "supports", "other": value}))
        posts.append(("status", f"/annotate/review/{CLAIM}/status", {"status": value}))
        posts.append(("note source", "/annotate/notes/new", {"source": value, "passage": "Sora", "note_text": "n"}))
        posts.append(("retract", "/annotate/retract", {"iri": value}))
        posts.append(("retract own", "/annotate/retract", {"iri": "https://w3id.org/claimkb/claim/" + value}))
    return [(what, path, {**form, "csrf_token": token}) for what, path, form in posts]


def test_form_fields_that_name_resources_refuse_injections(server):
    """Fields that hold IRIs or choices accept only what the form offered: every attempt is refused."""
    client = server.client("eddie")
    token = client.csrf()
    with server.nothing_written():
        for what, path, form in form_posts(token):
            reply = client.post(path, form=form)
            no_server_error(reply, what)
            assert reply.status in (400, 404, 422) or what == "source kind", (what, form, reply)


def test_text_fields_store_injections_as_text(server):
    """Free text (a headline, a claim's wording, a review's reasons, a note) holds anything: it is stored
    verbatim as a literal, and nothing else changes."""
    client = server.client("eddie")
    token = client.csrf()
    value = INJECTIONS[0] + " " + INJECTIONS[3]
    with server.nothing_lost():
        reply = client.post("/annotate/sources/new", form={
            "csrf_token": token, "headline": value, "text": f"Avant. {value} Après.", "language": "fr",
            "new_publisher": value})
        assert reply.status == 303, reply
        slug = reply.header("Location").rsplit("/", 1)[-1]
        reply = client.post("/annotate/claims/new", form={
            "csrf_token": token, "source": f"https://w3id.org/claimkb/source/{slug}", "passage": value,
            "text": value, "presented_as": "Assertion", "new_claimant": value})
        assert reply.status == 303, reply
        reply = client.post("/annotate/notes/new", form={
            "csrf_token": token, "source": f"https://w3id.org/claimkb/source/{slug}", "passage": value,
            "note_text": value})
        assert reply.status == 303, reply
    graph = Graph().parse(data=client.get(f"/source/{slug}.nt").text, format="nt")
    source = URIRef(f"https://w3id.org/claimkb/source/{slug}")
    assert str(graph.value(source, SCHEMA.headline)) == value
    assert str(graph.value(source, SCHEMA.text)) == f"Avant. {value} Après.".replace("\r\n", "\n")


def annotation(**changes):
    body = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "motivation": "commenting",
            "body": {"type": "TextualBody", "value": "v", "language": "en"},
            "target": {"source": ARTICLE, "selector": {"type": "TextQuoteSelector", "exact": PASSAGE}}}
    for key, value in changes.items():
        if key in ("exact", "prefix", "suffix"):
            body["target"]["selector"][key] = value
        elif key in ("value", "language"):
            body["body"][key] = value
        elif key == "source":
            body["target"]["source"] = value
        else:
            body[key] = value
    return body


def test_api_json_is_bound_not_formatted(server):
    client = server.client(token="anna")
    with server.nothing_written():
        for value in INJECTIONS:
            for field in ("source", "exact", "prefix", "suffix", "motivation", "language", "type"):
                reply = client.post("/annotations/", json=annotation(**{field: value}))
                no_server_error(reply, f"{field}={value!r}")
                assert 400 <= reply.status < 500, (field, value, reply)
            reply = client.post("/annotations/", json=annotation(motivation="identifying", body=value))
            assert 400 <= reply.status < 500, (value, reply)
    with server.nothing_lost():
        reply = client.post("/annotations/", json=annotation(value=INJECTIONS[0]))
        assert reply.status == 201, reply
        assert reply.json()["body"]["value"] == INJECTIONS[0]
