"""HTML and JavaScript injection: text written through the forms and the API (a source, a claim, a
claimant, a publisher, a review's reasons and evidence, a note) holding ``<script>`` and attribute breakers,
then every page that shows it, read as a browser parses it: the text is there, escaped; no script runs."""
import json
from datetime import date
import urllib.parse
from html.parser import HTMLParser

import pytest

from tests.reliability.conftest import no_server_error

TODAY = date.today().isoformat()
MARK = "xss7f3"
PAYLOAD = f"""<script>alert("{MARK}")</script>" onmouseover="alert('{MARK}')" x="<img src=x onerror=alert('{MARK}')>"""


class Page(HTMLParser):
    """What a browser would run: inline scripts, event-handler attributes; and the text it shows."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.scripts, self.handlers, self.text, self._script = [], [], [], None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.handlers += [(tag, name, value) for name, value in attrs if name.startswith("on")]
        for name, value in attrs:
            self.text.append(value or "")  # attribute values are shown too (form fields, titles)
        if tag == "script":
            self._script = [dict(attrs).get("type", ""), ""]

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(tuple(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data
        else:
            self.text.append(data)


def assert_escaped(reply, where: str, shown: bool = True):
    no_server_error(reply, where)
    assert "text/html" in reply.header("Content-Type", ""), where
    page = Page(reply.text)
    assert not page.handlers, f"{where}: event handlers {page.handlers}"
    for kind, body in page.scripts:
        if MARK in body:
            assert kind == "application/ld+json", f"{where}: a script holds the payload"
            json.loads(body)  # data, which the payload cannot leave
    for raw in (f"<script>alert(\"{MARK}\")", "<img src=x onerror"):
        at = reply.text.find(raw)
        assert at == -1, f"{where}: unescaped at ...{reply.text[max(0, at - 200):at + 60]}"
    if shown:
        assert any(MARK in text for text in page.text), f"{where} does not show it"


@pytest.fixture(scope="module")
def written(server):
    """A source, a claim with a new claimant, a published review with evidence, a note: all holding PAYLOAD."""
    editor = server.client("eddie")
    token = editor.csrf()
    reply = editor.post("/annotate/sources/new", form={
        "csrf_token": token, "headline": PAYLOAD, "text": f"Début. {PAYLOAD} Fin.", "language": "fr",
        "new_publisher": f"Publisher {PAYLOAD}"})
    assert reply.status == 303, reply
    source_slug = reply.header("Location").rsplit("/", 1)[-1]
    source = f"https://w3id.org/claimkb/source/{source_slug}"
    reply = editor.post("/annotate/claims/new", form={
        "csrf_token": token, "source": source, "passage": PAYLOAD, "text": PAYLOAD, "text_en": PAYLOAD,
        "presented_as": "Assertion", "new_claimant": f"Claimant {PAYLOAD}", "new_claimant_type": "Person"})
    assert reply.status == 303, reply
    claim_slug = reply.header("Location").rsplit("/", 1)[-1]
    reply = editor.post(f"/annotate/claim/{claim_slug}/review", form={
        "csrf_token": token, "verdict": "https://w3id.org/claimkb#False", "status": "Draft", "date_published": TODAY,
        "body_fr": PAYLOAD, "body_en": PAYLOAD, "evidence_url_1": "https://example.org/evidence",
        "evidence_title_1": PAYLOAD})
    assert reply.status == 303, reply
    reply = editor.post(f"/annotate/review/{claim_slug}/status", form={"csrf_token": token, "status": "Published"})
    assert reply.status == 303, reply
    note = {"type": "Annotation", "motivation": "commenting", "body": {"type": "TextualBody", "value": PAYLOAD},
            "target": {"source": source, "selector": {"type": "TextQuoteSelector", "exact": PAYLOAD}}}
    reply = server.client(token="anna").post("/annotations/", json=note)
    assert reply.status == 201, reply
    found = server.client().get("/sparql?" + urllib.parse.urlencode({
        "query": f'SELECT ?a WHERE {{ ?a <http://schema.org/name> ?n FILTER(CONTAINS(?n, "{MARK}")) }}'}),
        headers={"Accept": "application/sparql-results+json"}).json()
    agents = [row["a"]["value"].removeprefix("https://w3id.org/claimkb") for row in found["results"]["bindings"]]
    assert len(agents) == 2
    return {"source": source_slug, "claim": claim_slug, "agents": agents, "editor": editor}


def pages(written):
    claim, source = written["claim"], written["source"]
    return [f"/source/{source}", f"/claim/{claim}", *written["agents"], "/claims", f"/claims?q={MARK}",
            f"/graph/source/{source}", f"/graph/claim/{claim}", f"/claim/{claim}?lang=fr", f"/claim/{claim}?lang=en",
            f"/annotate/claim/{claim}/history"]


def test_every_reader_page_shows_it_escaped(server, written):
    reader = server.client()
    for path in pages(written):
        assert_escaped(reader.get(path, headers={"Accept": "text/html"}), path)
    assert_escaped(reader.get("/"), "/", shown=False)  # the latest reviews: ours may not be among them


def test_every_workspace_page_shows_it_escaped(server, written):
    editor = written["editor"]
    claim, source = written["claim"], written["source"]
    for path in (f"/annotate/source/{source}", f"/annotate/claim/{claim}", f"/annotate/claim/{claim}/edit",
                 f"/annotate/review/{claim}/edit", "/annotate/", *pages(written)):
        assert_escaped(editor.get(path), path)
    reply = editor.get("/annotate/claims/new?" + urllib.parse.urlencode({
        "source": f"https://w3id.org/claimkb/source/{source}", "passage": PAYLOAD}))
    assert_escaped(reply, "claim form")


def test_sparql_results_in_the_workbench_are_escaped(server, written):
    query = f'SELECT ?s ?text WHERE {{ ?s ?p ?text FILTER(CONTAINS(STR(?text), "{MARK}")) }}'
    reply = server.client().get("/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "text/html"})
    assert_escaped(reply, "workbench")
    error = server.client().get("/sparql?" + urllib.parse.urlencode({"query": PAYLOAD}), headers={"Accept": "text/html"})
    assert error.status == 400
    assert_escaped(error, "workbench error")


@pytest.mark.parametrize("path", [
    "/resource?" + urllib.parse.urlencode({"iri": f"http://example.org/{PAYLOAD}"}),
    "/resource?" + urllib.parse.urlencode({"iri": f"http://example.org/{MARK}"}),
    "/claims?" + urllib.parse.urlencode({"q": PAYLOAD}),
    "/login?" + urllib.parse.urlencode({"next": PAYLOAD}),
    "/claim/" + urllib.parse.quote(PAYLOAD),
    "/annotate/claim/sora-still-in-research-phase/history?" + urllib.parse.urlencode({"as_of": PAYLOAD}),
], ids=["resource-invalid-iri", "resource-unknown", "search", "login-next", "slug", "as-of"])
def test_pages_that_echo_the_request_escape_it(server, path):
    reply = server.client().get(path, headers={"Accept": "text/html"})
    assert_escaped(reply, path, shown=False)
