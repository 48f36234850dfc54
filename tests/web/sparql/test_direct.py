"""SPARQL clients' queries are answered in front of Flask (web/sparql/direct.py); what needs the app (a
cookie, the reader's language, a protocol error) still gets the app's answer. Both answer alike."""
import pytest

from tests.web.sparql.conftest import COUNT_CLAIMS, get, post_form, post_query

JSON = {"Accept": "application/sparql-results+json"}


def test_a_clients_answer_does_not_vary_by_cookie(server):
    """No session is opened for a client that sends no cookie, so the answer is the same for any cookie."""
    reply = get(server, COUNT_CLAIMS, JSON)
    assert reply.status == 200, reply.text
    assert [v.strip() for v in reply.headers["Vary"].split(",")] == ["Accept"]


@pytest.mark.parametrize("send", [
    lambda s, h: get(s, COUNT_CLAIMS, {**JSON, **h}),
    lambda s, h: post_form(s, h, query=COUNT_CLAIMS),
    lambda s, h: post_query(s, COUNT_CLAIMS, h),
], ids=["get", "post-form", "post-query"])
def test_with_a_cookie_the_app_answers_the_same(server, send):
    direct = send(server, JSON)
    through_the_app = send(server, {**JSON, "Cookie": "claimkb_session=not-a-session"})
    assert direct.status == through_the_app.status == 200, through_the_app.text
    assert direct.body == through_the_app.body
    # Every header the app adds (CORS, the security headers of every response...) the direct path adds too.
    assert set(direct.headers) == set(through_the_app.headers)
    for name in set(direct.headers) - {"Date", "Vary", "Server-Timing"}:
        assert direct.headers[name] == through_the_app.headers[name], name
    assert "Cookie" in through_the_app.headers["Vary"]  # it did go through the app


def test_errors_after_the_query_ran_are_the_apps(server):
    """A parse error is found by the worker: the direct path words it as the app does."""
    direct = get(server, "SELECT * WHERE { ?s ?p }", JSON)
    through_the_app = get(server, "SELECT * WHERE { ?s ?p }", {**JSON, "Cookie": "x=1"})
    assert direct.status == through_the_app.status == 400
    assert direct.text == through_the_app.text
    assert direct.headers["Access-Control-Allow-Origin"] == "*"


def test_a_form_left_to_the_app_is_read_whole(server):
    """The direct path reads a form body before it leaves the request to the app, which reads it again."""
    reply = post_form(server, format="json")  # no query: the app's 400, its own message
    assert reply.status == 400 and "no query" in reply.text
    reply = post_form(server, query=COUNT_CLAIMS.encode("latin-1") + b" # caf\xe9")
    assert reply.status == 400 and "UTF-8" in reply.text  # web.require_utf8


def test_the_readers_language_is_still_remembered(server):
    reply = get(server, COUNT_CLAIMS, JSON, lang="fr")
    assert reply.status == 200, reply.text
    assert "claimkb_lang=fr" in reply.headers.get("Set-Cookie", "")


def test_the_worker_reports_its_cpu_time(server):
    """Server-Timing splits a request's cost: the endpoint's wall time and the query worker's CPU time."""
    reply = get(server, COUNT_CLAIMS, JSON)
    names = [entry.split(";")[0].strip() for entry in reply.headers["Server-Timing"].split(",")]
    assert names == ["query", "worker-cpu", "write-cpu"]
    html = get(server, COUNT_CLAIMS, {"Accept": "text/html"})  # the workbench shows the wall time only
    assert html.status == 200 and "Server-Timing" not in html.headers
