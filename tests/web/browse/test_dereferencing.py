"""Every IRI dereferences: at its path or at /resource?iri=, in HTML or RDF by Accept, _format or suffix."""
import json

import pytest
from rdflib import Graph, URIRef

CLAIM = "https://w3id.org/claimkb/claim/sora-still-in-research-phase"
FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
           "application/rdf+xml": "xml"}


@pytest.mark.parametrize("media", FORMATS)
def test_conneg_by_accept_gives_parseable_rdf(client, media):
    response = client.get("/claim/sora-still-in-research-phase", headers={"Accept": media})
    assert response.status_code == 200 and response.mimetype == media
    assert "Accept" in response.headers["Vary"]
    graph = Graph().parse(data=response.get_data(as_text=True), format=FORMATS[media])
    assert (URIRef(CLAIM), URIRef("http://schema.org/author"), URIRef("https://w3id.org/claimkb/agent/openai")) in graph


def test_suffix_and_format_parameter(client):
    assert client.get("/claim/sora-still-in-research-phase.ttl").mimetype == "text/turtle"
    assert client.get("/claim/sora-still-in-research-phase?_format=jsonld").mimetype == "application/ld+json"
    data = json.loads(client.get("/review/sora-still-in-research-phase.jsonld").get_data(as_text=True))
    assert any("#rating" in node.get("@id", "") for node in data)  # a review's rating comes with it


def test_html_by_default_with_alternates(client):
    response = client.get("/claim/sora-still-in-research-phase", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.mimetype == "text/html"
    assert '</claim/sora-still-in-research-phase.ttl>; rel="alternate"; type="text/turtle"' in response.headers["Link"]


def test_not_acceptable_and_unknown_format(client):
    assert client.get("/claim/sora-still-in-research-phase", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/claim/sora-still-in-research-phase?_format=docx").status_code == 400


def test_review_and_anchor_see_their_claim(client):
    response = client.get("/review/sora-still-in-research-phase")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/claim/sora-still-in-research-phase#review-sora-still-in-research-phase")


def test_any_iri_at_resource(client):
    html = client.get("/resource?iri=http%3A%2F%2Fschema.org%2FClaim").get_data(as_text=True)
    assert "schema:Claim" in html or "http://schema.org/Claim" in html
    own = client.get("/resource?iri=" + CLAIM)
    assert own.status_code == 303 and own.headers["Location"].endswith("/claim/sora-still-in-research-phase")
    turtle = client.get("/resource?iri=http%3A%2F%2Fschema.org%2FClaim", headers={"Accept": "text/turtle"})
    Graph().parse(data=turtle.get_data(as_text=True), format="turtle")


def test_helpful_404(client):
    response = client.get("/claim/sora-still-in-research")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert 'href="/claim/sora-still-in-research-phase"' in html  # did you mean
    assert client.get("/resource?iri=https%3A%2F%2Fexample.org%2Fnothing").status_code == 404
    assert client.get("/resource?iri=").status_code == 400


def test_unit_of_work_and_vocabulary(client):
    unit = client.get("/graph/claim/sora-still-in-research-phase.ttl")
    assert len(Graph().parse(data=unit.get_data(as_text=True), format="turtle")) > 10
    vocab = client.get("/vocab", headers={"Accept": "text/turtle"})
    assert (URIRef("https://w3id.org/claimkb#Misquoted"), None, None) in Graph().parse(
        data=vocab.get_data(as_text=True), format="turtle")
