"""The relation graphs: an SVG of claims and claimants with typed edges, around a claim and of a story, every
node a link, with a title and description, and the same graph as a list."""
import xml.etree.ElementTree as ET

import pytest

SVG = "{http://www.w3.org/2000/svg}"
BASE = "https://w3id.org/claimkb/"
CLAIM = BASE + "claim/sora-still-in-research-phase"
ARTICLE = "/source/touslestops-sora-article"


def drawing(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.mimetype == "image/svg+xml"
    return ET.fromstring(response.data)


def edges(svg) -> set:
    return {(e.get("data-from"), e.get("data-relation"), e.get("data-to")) for e in svg.iter(SVG + "g")
            if e.get("data-relation")}


def nodes(svg) -> dict:
    return {a.get("data-iri"): a for a in svg.iter(SVG + "a")}


def test_claim_graph_has_the_claim_the_claims_it_replies_to_and_their_claimants(client):
    svg = drawing(client, "/relations/claim/sora-still-in-research-phase.svg")
    found = nodes(svg)
    for iri in (CLAIM, BASE + "claim/early-access-as-unpaid-labour", BASE + "claim/artists-reduced-to-pr-puppets-quote",
                BASE + "agent/openai", BASE + "agent/sora-pr-puppets"):
        assert iri in found, iri
    assert found[CLAIM].get("href") == "/claim/sora-still-in-research-phase"
    assert "focus" in found[CLAIM].get("class")
    assert found[BASE + "agent/openai"].get("href") == "/agent/openai"
    typed = edges(svg)
    assert (CLAIM, "repliesTo", BASE + "claim/early-access-as-unpaid-labour") in typed
    assert (CLAIM, "repliesTo", BASE + "claim/artists-reduced-to-pr-puppets-quote") in typed
    assert (CLAIM, "author", BASE + "agent/openai") in typed
    # two relations away: the other replies to the same accusations, and the evidence that disputes the quote
    assert (BASE + "claim/artists-get-free-access", "repliesTo", BASE + "claim/early-access-as-unpaid-labour") in typed
    assert (BASE + "claim/evidence-letter-quote-is-paraphrase", "disputes",
            BASE + "claim/artists-reduced-to-pr-puppets-quote") in typed


def test_every_edge_and_node_says_what_it_is(client):
    svg = drawing(client, "/relations/claim/sora-still-in-research-phase.svg")
    assert svg.find(SVG + "title").text.startswith("Relation graph: Sora is still in a research phase.")
    assert "claims" in svg.find(SVG + "desc").text
    assert svg.get("aria-labelledby") and svg.get("aria-describedby")
    for element in list(nodes(svg).values()) + [e for e in svg.iter(SVG + "g") if e.get("data-relation")]:
        assert element.find(SVG + "title") is not None and element.find(SVG + "title").text
    labels = {t.text for t in svg.iter(SVG + "text") if "label" in (t.get("class") or "")}
    assert {"replies to", "disputes", "author"} <= labels
    title = next(e for e in svg.iter(SVG + "g") if e.get("data-from") == CLAIM and e.get("data-relation") == "repliesTo")
    assert "— replies to →" in title.find(SVG + "title").text


def test_story_graph_has_the_article_claims_their_relations_and_claimants(client):
    svg = drawing(client, f"/relations{ARTICLE}.svg")
    found = nodes(svg)
    assert len([iri for iri in found if "/claim/" in iri]) >= 26
    typed = edges(svg)
    assert (CLAIM, "repliesTo", BASE + "claim/early-access-as-unpaid-labour") in typed
    assert (BASE + "claim/openai-has-not-commented", "contradicts", BASE + "claim/openai-shared-statement") in typed
    assert (BASE + "claim/evidence-space-does-not-publish-model", "disputes",
            BASE + "claim/leaked-sora-version-on-hugging-face") in typed
    assert (BASE + "claim/openai-has-not-commented", "author", BASE + "agent/touslestops") in typed
    assert "outside" in found[BASE + "claim/evidence-space-does-not-publish-model"].get("class")


def test_the_page_embeds_the_drawing_and_gives_it_as_a_list(client):
    response = client.get("/relations/claim/sora-still-in-research-phase")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="relation-graph"' in html
    assert "The graph as a list" in html
    assert ('<a href="/claim/sora-still-in-research-phase">Sora is still in a research phase.</a> <strong>replies to</strong> '
            '<a href="/claim/early-access-as-unpaid-labour">') in html
    french = client.get("/relations/claim/sora-still-in-research-phase?lang=fr").get_data(as_text=True)
    assert "répond à" in french and "Graphe des relations" in french


def test_claim_and_article_pages_link_to_their_graph(client):
    assert 'href="/relations/claim/sora-still-in-research-phase"' in \
        client.get("/claim/sora-still-in-research-phase").get_data(as_text=True)
    assert f'href="/relations{ARTICLE}"' in client.get(ARTICLE).get_data(as_text=True)


@pytest.mark.parametrize("path", ["/relations/claim/no-such-claim", "/relations/claim/no-such-claim.svg",
                                  "/relations/source/no-such-source", "/relations/claim/../agent/openai"])
def test_unknown_subjects_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_claim_text_with_markup_is_escaped_in_the_drawing(writable_client, kb):
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF
    from kb.namespaces import BASE as NS, CITO, CKB, SCHEMA
    claim = NS["claim/xss-graph"]
    graph = Graph()
    graph.add((claim, RDF.type, SCHEMA.Claim))
    graph.add((claim, SCHEMA.text, Literal("<script>alert(1)</script> & </text>", lang="fr")))
    graph.add((claim, SCHEMA.author, NS["agent/openai"]))
    graph.add((claim, SCHEMA.appearance, NS["source/touslestops-sora-article"]))
    graph.add((claim, CKB.presentedAs, CKB.Assertion))
    graph.add((claim, CITO.supports, NS["claim/sora-still-in-research-phase"]))
    kb.write(NS["graph/claim/xss-graph"], graph, NS["agent/claimkb-editorial-team"])
    svg = drawing(writable_client, "/relations/claim/xss-graph.svg")  # parses: nothing broke out of the XML
    assert (str(claim), "supports", CLAIM) in edges(svg)
    assert "<script>" not in writable_client.get("/relations/claim/xss-graph").get_data(as_text=True)
