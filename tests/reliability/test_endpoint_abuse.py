"""Endpoint abuse beyond ``tests/web/sparql/test_safety.py`` (which covers updates by parameter, body and
as a query, and SERVICE, LOAD, FROM, FROM NAMED, default-graph-uri and named-graph-uri with a canary):
updates hidden after a query, with media-type variants, through the workbench form; remote fetches by
relative IRIs and other schemes; and the CLI's internal endpoints reached without their token."""
import time
import urllib.parse

import pytest

from tests.reliability.conftest import no_server_error

DROP = "DROP ALL"


def sparql(client, query, method="GET", accept="application/sparql-results+json, text/turtle;q=0.9", **extra):
    if method == "GET":
        return client.get("/sparql?" + urllib.parse.urlencode({"query": query, **extra}), headers={"Accept": accept})
    return client.post("/sparql", form={"query": query, **extra}, headers={"Accept": accept})


@pytest.mark.parametrize("send", [
    lambda c: sparql(c, "SELECT * WHERE { ?s ?p ?o } ; DROP ALL"),
    lambda c: sparql(c, "ASK {} ;\nINSERT DATA { <a:s> <a:p> <a:o> }"),
    lambda c: sparql(c, "CLEAR ALL", method="POST", accept="text/html"),  # the workbench's form
    lambda c: sparql(c, "DROP ALL", accept="text/html"),
    lambda c: c.post("/sparql", body=DROP, headers={"Content-Type": "application/sparql-update; charset=utf-8"}),
    lambda c: c.post("/sparql", body=DROP, headers={"Content-Type": "Application/SPARQL-Update"}),
    lambda c: c.post("/sparql", body=DROP, headers={"Content-Type": "text/plain"}),
    lambda c: c.post("/sparql", form={"update": DROP, "query": "ASK {}"}),
    lambda c: c.post("/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}), body=DROP,
                     headers={"Content-Type": "application/sparql-update"}),
    lambda c: c.request("PUT", "/sparql", body=DROP, headers={"Content-Type": "application/sparql-update"}),
    lambda c: c.request("DELETE", "/dumps/claimkb.nq"),
    lambda c: c.request("PUT", "/dumps/claimkb.nq", body="<a:s> <a:p> <a:o> <a:g> .",
                        headers={"Content-Type": "application/n-quads"}),
], ids=["after-select", "after-ask", "workbench-form", "workbench-get", "update-charset", "update-case",
        "update-as-text", "update-beside-query", "update-body-with-query-parameter", "put", "delete-dump",
        "put-dump"])
def test_updates_in_other_forms_change_nothing(server, send):
    with server.nothing_written():
        reply = send(server.client())
        no_server_error(reply)
        assert 400 <= reply.status < 500, reply


def remote(canary):
    port = urllib.parse.urlsplit(canary.url).port
    return [
        f"BASE <{canary.url}> SELECT * FROM <data.nt> WHERE {{ ?s ?p ?o }}",
        f"PREFIX c: <{canary.url}> SELECT * FROM c:data WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM <http://localhost:{port}/> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        f"SELECT * WHERE {{ \\U00000053ERVICE <{canary.url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{canary.url}> {{ ?s ?p ?o }} }} }} }}",
        f"DESCRIBE <{canary.url}>",
        f"CONSTRUCT {{ ?s ?p ?o }} FROM NAMED <{canary.url}> WHERE {{ GRAPH <{canary.url}> {{ ?s ?p ?o }} }}",
    ]


def test_nothing_remote_is_fetched_by_other_spellings(server, canary):
    client = server.client()
    with server.nothing_written():
        for query in remote(canary):
            reply = sparql(client, query)
            no_server_error(reply, query)
            assert reply.status in (200, 400, 403, 406), (query, reply)
        for query in remote(canary)[:2]:
            reply = sparql(client, query, method="POST", accept="text/html")
            assert reply.status in (400, 403), reply
    time.sleep(0.2)
    assert canary.requests == []


def test_the_internal_endpoints_answer_only_their_token(server):
    """``/_kb/update`` runs any update: not with a wrong token, an API token, or an editor's session."""
    attempts = [server.client(), server.client(token="eddie"), server.client("eddie")]
    with server.nothing_written():
        for client in attempts:
            for path in ("/_kb/update", "/_kb/query"):
                reply = client.post(path, body=DROP, headers={"Content-Type": "application/sparql-update"})
                assert reply.status == 403, (path, reply)
        reply = server.client().post("/_kb/update", body=DROP, headers={"Authorization": "Bearer wrong"})
        assert reply.status == 403
        reply = server.client().post("/_kb/update", body=DROP, headers={"Authorization": "Bearer "})
        assert reply.status == 403
