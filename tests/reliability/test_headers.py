"""Header injection: CR and LF in every parameter that reaches a header (``Location`` of a redirect, ``next``,
the language cookie, the format in ``Link`` and ``Content-Disposition``). Werkzeug refuses a header holding a
newline; claimkb must never try to write one (that was a 500), and must redirect only to its own paths."""
import urllib.parse

import pytest

from tests.reliability.conftest import CLAIM, no_server_error

CRLF = "/x\r\nSet-Cookie: evil=1\r\nX-Evil: 1"


def assert_clean(reply, where):
    no_server_error(reply, where)
    names = {name.lower() for name, _ in reply.headers}
    assert "x-evil" not in names, where
    assert not any("evil=1" in cookie for cookie in reply.all("Set-Cookie")), where
    location = reply.header("Location")
    if location:
        assert "\r" not in location and "\n" not in location, where
        parts = urllib.parse.urlsplit(location)
        assert not parts.netloc or parts.netloc.startswith("127.0.0.1"), f"{where}: redirects away to {location}"


def q(path, **params):
    return path + "?" + urllib.parse.urlencode(params)


@pytest.mark.parametrize("path", [
    q("/login", next=CRLF), q("/claims", lang="fr" + CRLF), q("/", lang=CRLF),
    q("/resource", iri="https://w3id.org/claimkb/claim/x" + CRLF),
    q("/resource", iri=f"https://w3id.org/claimkb/claim/{CLAIM}", _format="ttl" + CRLF),
    q(f"/claim/{CLAIM}", _format="ttl" + CRLF), q("/sparql", query="ASK {}", download="1", format="json" + CRLF),
    q("/annotate/claims/new", source=CRLF), "/claim/x%0d%0aX-Evil:%201", "/review/x%0d%0aX-Evil:%201",
    q("/annotations/", page=CRLF),
], ids=["login-next", "lang", "lang-home", "resource-iri", "resource-format", "format", "sparql-download",
        "annotate-source", "slug", "review-slug", "api-page"])
def test_get_parameters_never_reach_a_header(server, path):
    assert_clean(server.client().get(path), path)


def test_the_login_redirect_stays_here_and_carries_no_header(server):
    for target in (CRLF, "//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"):
        client = server.client()
        token = client.csrf("/login")
        reply = client.post(q("/login", next=target), form={"name": "rita", "password": "correct horse battery",
                                                             "csrf_token": token})
        assert reply.status == 303, reply
        assert_clean(reply, target)
        assert reply.header("Location") == "/annotate/"


def test_the_retract_redirect_stays_here_and_carries_no_header(server):
    """The retraction is done before the redirect: a bad ``next`` must not turn it into a 500."""
    writer = server.client(token="anna")
    editor = server.client("eddie")
    token = editor.csrf()
    for target in (CRLF, "//evil.example/", "https://evil.example/x"):
        note = {"type": "Annotation", "body": {"type": "TextualBody", "value": "to retract"},
                "target": {"source": "https://w3id.org/claimkb/source/touslestops-sora-article",
                           "selector": {"type": "TextQuoteSelector", "exact": "Sora est toujours en phase de recherche"}}}
        made = writer.post("/annotations/", json=note)
        assert made.status == 201, made
        reply = editor.post("/annotate/retract", form={"csrf_token": token, "iri": made.json()["canonical"],
                                                        "next": target})
        assert reply.status == 303, reply
        assert_clean(reply, target)
        assert reply.header("Location") == "/"
        assert server.client().get(urllib.parse.urlsplit(made.header("Location")).path).status == 410


@pytest.mark.parametrize("path", [
    "/", f"/claim/{CLAIM}", "/claim/no-such-claim", "/sparql?format=html", "/sparql?query=ASK%7B%7D",
    "/login", "/annotate/", "/static/claimkb.css", f"/claim/{CLAIM}?_format=ttl",
], ids=["home", "claim", "not-found", "workbench", "sparql-json", "login", "workspace", "asset", "turtle"])
def test_every_response_forbids_inline_scripts_framing_and_sniffing(server, path):
    """A second line behind escaping: were a script ever let through into a page, the browser would not
    run it; no other site can frame the workspace; a download is never sniffed into a page."""
    reply = server.client().get(path)
    no_server_error(reply, path)
    policy = dict(part.strip().split(" ", 1) for part in reply.header("Content-Security-Policy").split(";"))
    assert policy["script-src"] == "'self'", path
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'", path
    assert "'unsafe-inline'" not in policy["default-src"], path
    assert reply.header("X-Frame-Options") == "DENY", path
    assert reply.header("X-Content-Type-Options") == "nosniff", path
    assert reply.header("Referrer-Policy") == "same-origin", path
