"""The W3C SPARQL 1.1 Protocol at /sparql, over real HTTP against a real ``claimkb serve``."""
import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from tests import backends
from tests.web.sparql.conftest import CLAIMS, COUNT_CLAIMS, get, http, post_form, post_query

RESULTS = "{http://www.w3.org/2005/sparql-results#}"
CONSTRUCT = ("CONSTRUCT { ?c a <http://schema.org/Claim> ; <http://schema.org/author> ?a } "
             "WHERE { ?c a <http://schema.org/Claim> ; <http://schema.org/author> ?a }")


def claims_in_json(reply) -> int:
    assert reply.status == 200, reply.text
    assert reply.headers["Content-Type"].startswith("application/sparql-results+json")
    return int(reply.json()["results"]["bindings"][0]["n"]["value"])


def test_a_query_by_get(server):
    assert claims_in_json(get(server, COUNT_CLAIMS)) == CLAIMS


def test_a_query_by_post_of_a_form(server):
    assert claims_in_json(post_form(server, query=COUNT_CLAIMS)) == CLAIMS


def test_a_query_by_post_of_the_query_itself(server):
    assert claims_in_json(post_query(server, COUNT_CLAIMS)) == CLAIMS


def test_select_results_in_xml(server):
    reply = get(server, COUNT_CLAIMS, {"Accept": "application/sparql-results+xml"})
    assert reply.headers["Content-Type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(reply.body)
    assert [v.get("name") for v in root.iter(RESULTS + "variable")] == ["n"]
    assert root.find(f"{RESULTS}results/{RESULTS}result/{RESULTS}binding/{RESULTS}literal").text == str(CLAIMS)


def test_select_results_in_csv_and_tsv(server):
    query = "SELECT ?c ?text WHERE { ?c a <http://schema.org/Claim> ; <http://schema.org/text> ?text } ORDER BY ?c"
    as_csv = get(server, query, {"Accept": "text/csv"})
    assert as_csv.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0] == ["c", "text"] and len(rows) > CLAIMS
    assert rows[1][0].startswith("https://w3id.org/claimkb/claim/")
    as_tsv = get(server, query, {"Accept": "text/tab-separated-values"})
    lines = as_tsv.text.splitlines()
    assert lines[0] == "?c\t?text" and len(lines) == len(rows)
    assert lines[1].startswith("<https://w3id.org/claimkb/claim/") and re.search(r'"@(fr|en)$', lines[1])


def test_the_format_parameter_overrides_accept(server):
    reply = get(server, COUNT_CLAIMS, {"Accept": "application/sparql-results+json"}, format="csv")
    assert reply.headers["Content-Type"].startswith("text/csv")
    assert reply.text.splitlines() == ["n", str(CLAIMS)]


def test_ask_in_json_and_xml(server):
    query = "ASK { ?c a <http://schema.org/Claim> }"
    assert get(server, query).json()["boolean"] is True
    root = ET.fromstring(get(server, "ASK { ?c a <http://example.org/Nothing> }", format="xml").body)
    assert root.find(RESULTS + "boolean").text == "false"


@pytest.mark.parametrize("media, rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"), ("application/trig", "trig"), ("application/n-quads", "nquads")])
def test_construct_in_every_rdf_format(server, media, rdflib_format):
    reference = Graph().parse(data=get(server, CONSTRUCT, {"Accept": "application/n-triples"}).text, format="nt")
    assert len(reference) == 2 * CLAIMS
    reply = get(server, CONSTRUCT, {"Accept": media})
    assert reply.status == 200 and reply.headers["Content-Type"].startswith(media)
    if rdflib_format in ("trig", "nquads"):
        graph = Graph()
        for s, p, o, _ in Dataset().parse(data=reply.text, format=rdflib_format).quads():
            graph.add((s, p, o))
    else:
        graph = Graph().parse(data=reply.text, format=rdflib_format)
    assert isomorphic(graph, reference)


def test_describe_gives_the_resource(server):
    reply = get(server, "DESCRIBE <https://w3id.org/claimkb/agent/openai>", {"Accept": "text/turtle"})
    graph = Graph().parse(data=reply.text, format="turtle")
    assert (URIRef("https://w3id.org/claimkb/agent/openai"), URIRef("http://schema.org/name"),
            Literal("OpenAI")) in graph


@pytest.mark.parametrize("query, accept, params", [
    (COUNT_CLAIMS, "text/turtle", {}),                       # results asked as RDF
    (CONSTRUCT, "application/sparql-results+json", {}),      # a graph asked as results
    (COUNT_CLAIMS, None, {"format": "pdf"}),                 # a format nobody writes
])
def test_406_for_what_it_cannot_produce(server, query, accept, params):
    reply = get(server, query, {"Accept": accept} if accept else {}, **params)
    assert reply.status == 406, reply.text
    assert "format" in reply.text


@pytest.mark.skipif(backends.BACKEND == "virtuoso", reason="Virtuoso 7.2's syntax errors name a line, "
                    "not a line:column position, and say 'syntax error at', not 'expected'")
def test_a_malformed_query_gives_the_parsers_message_and_position(server):
    reply = get(server, "SELECT * WHERE { ?s ?p }")
    assert reply.status == 400
    assert re.search(r"\b1:\d+\b", reply.text), reply.text  # line:column
    assert "expected" in reply.text


@pytest.mark.parametrize("send", [
    lambda s: post_form(s, format="json"),
    lambda s: get(s, "   "),
    lambda s: post_query(s, ""),
], ids=["post-without-query", "blank-query", "empty-body"])
def test_a_missing_query_is_400(server, send):
    reply = send(server)
    assert reply.status == 400 and "no query" in reply.text


@pytest.mark.parametrize("send", [
    lambda s: http(s.sparql + "?query=ASK%20%7B%7D&query=ASK%20%7B%7D"),
    lambda s: post_query(s, COUNT_CLAIMS, params={"query": "ASK {}"}),
    lambda s: http(s.sparql + "?query=ASK%20%7B%7D", "POST", "query=ASK%20%7B%7D",
                   {"Content-Type": "application/x-www-form-urlencoded"}),
], ids=["get-twice", "body-and-url", "form-and-url"])
def test_two_queries_are_400(server, send):
    reply = send(server)
    assert reply.status == 400 and "2 queries" in reply.text


def test_default_graph_uri_sets_the_default_graph(server):
    unit = "https://w3id.org/claimkb/graph/vocabulary"
    in_graph = get(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{unit}> {{ ?s ?p ?o }} }}").json()
    as_default = get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"default-graph-uri": unit}).json()
    whole_view = get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").json()
    n = lambda r: int(r["results"]["bindings"][0]["n"]["value"])
    assert n(as_default) == n(in_graph) > 0
    assert n(whole_view) > n(as_default)


def test_named_graph_uri_restricts_the_named_graphs(server):
    unit = "https://w3id.org/claimkb/graph/vocabulary"
    reply = get(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": unit})
    assert [b["g"]["value"] for b in reply.json()["results"]["bindings"]] == [unit]


def test_from_a_graph_of_the_kb_works(server):
    unit = "https://w3id.org/claimkb/graph/vocabulary"
    reply = get(server, f"SELECT (COUNT(*) AS ?n) FROM <{unit}> WHERE {{ ?s ?p ?o }}")
    assert reply.status == 200 and int(reply.json()["results"]["bindings"][0]["n"]["value"]) > 0


def test_cors_for_web_clients(server):
    reply = get(server, COUNT_CLAIMS, {"Origin": "https://yasgui.example"})
    assert reply.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-SPARQL-Truncated" in reply.headers["Access-Control-Expose-Headers"]
    preflight = http(server.sparql, "OPTIONS", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status == 204
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]


def test_answers_vary_by_accept(server):
    assert "Accept" in get(server, COUNT_CLAIMS).headers["Vary"]


def test_a_huge_body_is_413_and_the_server_carries_on(server):
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 2_000_000
    assert post_query(server, huge).status == 413
    assert post_form(server, query=huge).status == 413
    assert claims_in_json(get(server, COUNT_CLAIMS)) == CLAIMS


def test_a_query_longer_than_the_limit_is_413(server):
    long = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 150_000  # over 100,000 bytes, under the body limit
    reply = post_query(server, long)
    assert reply.status == 413 and "100000 bytes" in reply.text


def test_a_body_of_another_type_is_415(server):
    reply = http(server.sparql, "POST", COUNT_CLAIMS, {"Content-Type": "text/plain"})
    assert reply.status == 415


def test_every_example_answers_as_the_kb_does(server, shipped_kb):
    from kb.endpoint import examples
    for example in examples():
        reply = post_query(server, example.text, {"Accept": "application/sparql-results+json, application/n-triples"})
        assert reply.status == 200, (example.name, reply.text)
        expected = shipped_kb.query(example.text)
        if expected.kind == "graph":
            assert isomorphic(Graph().parse(data=reply.text, format="nt"), expected.graph), example.name
        else:
            assert len(reply.json()["results"]["bindings"]) == len(expected.rows), example.name
