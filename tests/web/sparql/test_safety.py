"""Read-only and local: updates change nothing, and nothing remote is ever fetched (a canary listens)."""
import time
import urllib.parse

import pyoxigraph
import pytest

from tests.web.sparql.conftest import CLAIMS, count_claims, get, http, post_form, post_query

INSERT = ('INSERT DATA { GRAPH <https://w3id.org/claimkb/graph/x> { <https://w3id.org/claimkb/claim/x> a '
          '<http://schema.org/Claim> } } ; INSERT DATA { <https://w3id.org/claimkb/claim/x> a <http://schema.org/Claim> }')
DELETE = "DELETE WHERE { ?c a <http://schema.org/Claim> }"
UPDATES = [
    ("update-parameter", lambda s, u: post_form(s, update=u)),
    ("update-in-url", lambda s, u: http(s.sparql + "?" + urllib.parse.urlencode({"update": u}))),
    ("sparql-update-body", lambda s, u: http(s.sparql, "POST", u, {"Content-Type": "application/sparql-update"})),
    ("as-a-query-by-get", lambda s, u: get(s, u)),
    ("as-a-query-body", lambda s, u: post_query(s, u)),
    ("as-a-query-form", lambda s, u: post_form(s, query=u)),
]


@pytest.mark.parametrize("update", [INSERT, DELETE, "CLEAR ALL", "DROP DEFAULT",
                                    "PREFIX s: <http://schema.org/>\n# a comment\nDELETE { ?c a s:Claim } WHERE { ?c a s:Claim }"],
                         ids=["insert", "delete", "clear", "drop", "with-prologue"])
@pytest.mark.parametrize("name, send", UPDATES, ids=[name for name, _ in UPDATES])
def test_updates_are_refused_and_change_nothing(server, name, send, update):
    reply = send(server, update)
    assert reply.status == 403, reply.text
    assert "read-only" in reply.text
    assert count_claims(server) == CLAIMS


def test_the_canary_would_hear_an_unguarded_service_call(canary):
    """The control: pyoxigraph itself does fetch SERVICE, so the endpoint's refusal is what protects."""
    with pytest.raises(RuntimeError):  # the canary answers no SPARQL results, but it was asked
        list(pyoxigraph.Store().query(f"SELECT * WHERE {{ SERVICE <{canary.url}> {{ ?s ?p ?o }} }}"))
    assert canary.requests


def remote_requests(canary):
    return [
        ("service", lambda s: get(s, f"SELECT * WHERE {{ SERVICE <{canary.url}> {{ ?s ?p ?o }} }}")),
        ("service-silent-lowercase", lambda s: post_query(s, f"select * {{ service silent <{canary.url}> {{ ?s ?p ?o }} }}")),
        ("service-by-prefix", lambda s: get(s, f"PREFIX c: <{canary.url}> SELECT * {{ ?x ?y ?z . SERVICE c:sparql {{ ?s ?p ?o }} }}")),
        ("service-escaped", lambda s: get(s, f"SELECT * {{ \\u0053ERVICE <{canary.url}> {{ ?s ?p ?o }} }}")),
        ("load", lambda s: post_form(s, update=f"LOAD <{canary.url}>")),
        ("load-as-query", lambda s: get(s, f"LOAD <{canary.url}data.nt>")),
        ("from", lambda s: get(s, f"SELECT * FROM <{canary.url}data.nt> WHERE {{ ?s ?p ?o }}")),
        ("from-named", lambda s: get(s, f"SELECT * FROM NAMED <{canary.url}data.nt> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")),
        ("default-graph-uri", lambda s: get(s, "SELECT * WHERE { ?s ?p ?o }", **{"default-graph-uri": canary.url})),
        ("named-graph-uri", lambda s: get(s, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
                                          **{"named-graph-uri": canary.url})),
    ]


@pytest.mark.parametrize("index", range(10), ids=[n for n, _ in remote_requests(type("C", (), {"url": "u"}))])
def test_nothing_remote_is_fetched(server, canary, index):
    _, send = remote_requests(canary)[index]
    reply = send(server)
    assert reply.status in (400, 403), reply.text
    assert "remote" in reply.text or "read-only" in reply.text
    time.sleep(0.2)  # a fetch, if any, would have reached the canary by now
    assert canary.requests == []


def test_a_graph_the_kb_does_not_hold_is_400_with_its_name(server):
    reply = get(server, "SELECT * WHERE { ?s ?p ?o }", **{"default-graph-uri": "https://example.org/elsewhere"})
    assert reply.status == 400 and "https://example.org/elsewhere" in reply.text


def test_a_service_keyword_inside_a_string_or_comment_is_only_text(server):
    reply = get(server, 'SELECT ?s WHERE { ?s ?p "SERVICE <http://x/> {}" } # SERVICE')
    assert reply.status == 200
    assert reply.json()["results"]["bindings"] == []
