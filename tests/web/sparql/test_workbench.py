"""The workbench page: works without JavaScript, with the examples, a results table and its links."""
import re
import urllib.parse
from html import unescape

import pytest

from tests import backends
from tests.web.sparql.conftest import get

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_the_page_is_a_plain_form_with_prefixes_declared(server):
    reply = get(server, headers=BROWSER)
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/html")
    page = reply.text
    assert '<form method="get" action="/sparql">' in page  # runs without JavaScript; the URL is the permalink
    assert re.search(r'<textarea[^>]*name="query"', page)
    assert "PREFIX schema: &lt;http://schema.org/&gt;" in page


def test_the_gallery_holds_the_competency_questions_and_examples(server):
    from kb.endpoint import examples
    page = get(server, headers=BROWSER).text
    gallery = examples()
    assert len([e for e in gallery if e.group == "competency"]) == 10
    for example in gallery:
        assert unescape(f">{example.title}<") in unescape(page), example.title


def test_a_gallery_link_runs_its_query(server):
    page = get(server, headers=BROWSER).text
    link = unescape(re.search(r'<a href="(/sparql\?query=[^"]+)">Q1\.', page).group(1))
    reply = get(server, headers=BROWSER, **dict(urllib.parse.parse_qsl(link.split("?", 1)[1])))
    assert reply.status == 200
    assert "research" in reply.text and "<table>" in reply.text


def test_results_table_links_iris_into_the_browser_with_time_and_downloads(server):
    query = "SELECT ?claim WHERE { ?claim a <http://schema.org/Claim> } ORDER BY ?claim LIMIT 3"
    page = get(server, query, BROWSER).text
    assert page.count("<tr>") == 4  # the header and three rows
    iri = "https://w3id.org/claimkb/claim/"
    assert f'href="/resource?iri={urllib.parse.quote(iri, safe="")}' in page
    assert re.search(r"3 rows\s+in [\d.]+ ms", page)
    for name in ("json", "xml", "csv", "tsv"):
        assert f"format={name}&amp;download=1" in page
    assert "Permalink" in page


def test_a_simple_aggregate_is_drawn_as_a_chart(server):
    query = ("SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n) LIMIT 5")
    page = get(server, query, BROWSER).text
    assert page.count('class="bar"') == 5


def test_a_truncated_answer_says_so_on_the_page(server):
    page = get(server, "SELECT ?s ?o WHERE { ?s ?p ?x . ?y ?q ?o }", BROWSER).text
    assert "Truncated" in page and "10000 rows" in page


@pytest.mark.skipif(backends.BACKEND == "virtuoso", reason="the message is the store's parser's, and Virtuoso's "
                    "does not say what it expected")
def test_an_error_is_shown_on_the_page_with_its_status(server):
    reply = get(server, "SELECT * WHERE { ?s ?p }", BROWSER)
    assert reply.status == 400
    assert 'role="alert"' in reply.text and "expected" in reply.text
    assert "SELECT * WHERE { ?s ?p }" in unescape(reply.text)  # the query stays in the editor


def test_a_graph_is_shown_as_triples_with_rdf_downloads(server):
    page = get(server, "CONSTRUCT WHERE { <https://w3id.org/claimkb/agent/openai> ?p ?o }", BROWSER).text
    assert "<th>?subject</th><th>?predicate</th><th>?object</th>" in page
    assert re.search(r"\d+ triples\s+in", page)
    for name in ("ttl", "nt", "jsonld", "rdfxml", "trig", "nq"):
        assert f"format={name}&amp;download=1" in page


def test_an_ask_shows_its_answer(server):
    page = get(server, "ASK { ?c a <http://schema.org/Claim> }", format="html").text
    assert "<strong>true</strong>" in page
