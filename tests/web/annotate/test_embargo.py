"""Unpublished reviews are the newsroom's (``kb/embargo.py``): a draft's text is nowhere a reader or a
researcher can reach (the SPARQL endpoint, default graph and named graphs, however the query names them;
the dumps; the VoID figures; the claim page and its history), nor its unit's provenance (who wrote it,
when), while the workspace shows it and researchers read the public units' provenance; once published,
the published text and its provenance are public and the draft versions stay out. Over real HTTP against a real
``claimkb serve``: on the embedded store its endpoint's worker processes read a stripped snapshot, on a
remote store (``CLAIMKB_TEST_BACKEND=oxigraph``) the queries go to the store with its public view."""
import re
import urllib.parse

import pytest
from rdflib import Graph, Namespace

from kb.connect import open_kb
from tests import backends
from tests.web.annotate.served import serve

CLAIM = "sora-still-in-research-phase"
DRAFT_TEXT = "Brouillon sous embargo : la source interne n’a pas encore confirmé."
PUBLISHED_TEXT = "Vérifié : la phase de recherche était un aperçu."
VOID = Namespace("http://rdfs.org/ns/void#")
PROVENANCE = "https://w3id.org/claimkb#provenance"
EMBARGOED_PROVENANCE = "https://w3id.org/claimkb#embargoed-provenance"
SELECT_JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def served(shipped_dir, tmp_path_factory):
    with serve(shipped_dir, tmp_path_factory, {"rita": "reviewer"}) as server:
        yield server


def sparql(client, query: str):
    reply = client.get("/sparql?" + urllib.parse.urlencode({"query": query}), headers=SELECT_JSON)
    assert reply.status == 200, reply
    return reply.json()["results"]["bindings"]


def public_texts(client) -> str:
    """Everything a reader or a researcher can fetch that could hold a review's text."""
    bodies = "PREFIX schema: <http://schema.org/> SELECT ?body WHERE { ?review schema:reviewBody ?body }"
    every_graph = "PREFIX schema: <http://schema.org/> SELECT ?body WHERE { GRAPH ?g { ?r schema:reviewBody ?body } }"
    parts = [str(sparql(client, bodies)), str(sparql(client, every_graph))]
    for path in ("/dumps/claimkb.nq", "/dumps/claimkb.ttl", f"/claim/{CLAIM}", f"/claim/{CLAIM}.ttl",
                 f"/claim/{CLAIM}.jsonld", f"/annotate/claim/{CLAIM}/history", "/",
                 "/agent/factchecker-rita", "/agent/factchecker-rita.ttl"):
        reply = client.get(path)
        assert reply.status == 200, (path, reply)
        parts.append(reply.text)
    return "\n".join(parts)


def units_holding(served, review: str) -> list[str]:
    """The units of work that hold ``review``, read from the store itself (through the server, or the
    remote store): what a researcher must not reach."""
    kb = open_kb(served.directory, remote=backends.remote_for(served.directory), load=False)
    try:
        rows = kb.store.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{review}> ?p ?o }} }}")
        count = kb.store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    finally:
        kb.close()
    return [str(row["g"]) for row in rows], int(count)


def void_triples(client) -> int:
    reply = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert reply.status == 200, reply
    graph = Graph().parse(data=reply.text, format="turtle")
    (dataset,) = set(graph.subjects(VOID.sparqlEndpoint, None))
    return int(graph.value(dataset, VOID.triples))


def unreachable(reader, units: list[str], review: str):
    """No way of naming a draft's unit gives a researcher anything of it."""
    for unit in units:
        for query, params in [
                (f"SELECT * FROM NAMED <{unit}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
                (f"SELECT * FROM <{unit}> WHERE {{ ?s ?p ?o }}", {}),
                (f"SELECT * WHERE {{ GRAPH <{unit}> {{ ?s ?p ?o }} }}", {}),
                ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": unit}),
                ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": unit}),
                # its provenance: who made it and when, in the provenance graph however it is named
                (f"SELECT * WHERE {{ GRAPH ?g {{ <{unit}> ?p ?o }} }}", {}),
                (f"SELECT * WHERE {{ GRAPH <{PROVENANCE}> {{ <{unit}> ?p ?o }} }}", {}),
                (f"SELECT * WHERE {{ <{unit}> ?p ?o }}", {"default-graph-uri": PROVENANCE}),
                (f"SELECT * WHERE {{ GRAPH ?g {{ <{review}> ?p ?o }} }}", {}),
                (f"SELECT * FROM NAMED <{EMBARGOED_PROVENANCE}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
                (f"SELECT * FROM <{EMBARGOED_PROVENANCE}> WHERE {{ ?s ?p ?o }}", {}),
                (f"SELECT * WHERE {{ GRAPH <{EMBARGOED_PROVENANCE}> {{ ?s ?p ?o }} }}", {})]:
            reply = reader.get("/sparql?" + urllib.parse.urlencode({"query": query, **params}),
                               headers=SELECT_JSON)
            assert reply.status == 200, (query, params, reply)
            assert reply.json()["results"]["bindings"] == [], (query, params)
        # Virtuoso's pragma, which would choose the dataset: not a SPARQL query, refused on every store
        pragma = f"define input:default-graph-uri <{unit}> SELECT * WHERE {{ ?s ?p ?o }}"
        reply = reader.get("/sparql?" + urllib.parse.urlencode({"query": pragma}), headers=SELECT_JSON)
        assert reply.status == 400, reply
        dump = reader.get("/dumps/claimkb.nq").text
        assert not [line for line in dump.splitlines() if line.startswith(f"<{unit}> ")], unit


def public_provenance(reader) -> dict:
    """unit -> who made it, as researchers read it in the provenance graph ("history as data")."""
    rows = sparql(reader, "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?unit ?agent WHERE { "
                          f"GRAPH <{PROVENANCE}> {{ ?unit prov:wasAttributedTo ?agent }} }}")
    return {row["unit"]["value"]: row["agent"]["value"] for row in rows}


def write_review(rita, status: str, text: str) -> str:
    """A new review of CLAIM by rita; its slug."""
    before = set(re.findall(r'id="review-([^"]+)"', rita.get(f"/annotate/claim/{CLAIM}").text))
    token = rita.csrf(f"/annotate/claim/{CLAIM}/review")
    reply = rita.post(f"/annotate/claim/{CLAIM}/review", form={
        "verdict": "https://w3id.org/claimkb#Misleading", "status": status, "body_fr": text,
        "date_published": "2024-12-02", "evidence_url_1": "https://example.org/preuve", "evidence_title_1": "Preuve",
        "csrf_token": token})
    assert reply.status == 303, reply
    after = set(re.findall(r'id="review-([^"]+)"', rita.get(f"/annotate/claim/{CLAIM}").text))
    (slug,) = after - before
    return slug


def test_a_draft_is_seen_in_the_workspace_only_until_it_is_published(served):
    rita, reader = served.client("rita"), served.client()
    slug = write_review(rita, "Draft", DRAFT_TEXT)
    review = f"https://w3id.org/claimkb/review/{slug}"

    # The workspace sees the draft: its edit form and its history.
    assert DRAFT_TEXT in rita.get(f"/annotate/review/{slug}/edit").text
    assert DRAFT_TEXT in rita.get(f"/annotate/claim/{CLAIM}/history").text
    # Readers and researchers do not: not its text, not the review at all.
    public = public_texts(reader)
    assert DRAFT_TEXT not in public
    assert review not in reader.get("/dumps/claimkb.nq").text
    for path in (f"/review/{slug}", f"/review/{slug}.ttl", f"/review/{slug}?_format=jsonld", f"/graph/review/{slug}",
                 f"/graph/review/{slug}.nq", "/resource?" + urllib.parse.urlencode({"iri": review})):
        reply = reader.get(path)
        assert reply.status in (303, 404) and DRAFT_TEXT not in reply.text, (path, reply)
    assert review not in reader.get(f"/claim/{CLAIM}.ttl").text
    assert sparql(reader, f"SELECT * WHERE {{ {{ <{review}> ?p ?o }} UNION {{ GRAPH ?g {{ <{review}> ?p ?o }} }} }}") == []
    units, store_triples = units_holding(served, review)
    assert units  # the draft is in the store...
    unreachable(reader, units, review)  # ...where no researcher reaches it, nor its provenance
    history = public_provenance(reader)
    assert len(history) > 20 and not set(units) & set(history)  # the public units' provenance is there
    # VoID counts what researchers read: the current view without the draft's triples
    public_triples = int(sparql(reader, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"])
    assert void_triples(reader) == public_triples < store_triples

    # In review: still embargoed.
    token = rita.csrf(f"/annotate/claim/{CLAIM}")
    assert rita.post(f"/annotate/review/{slug}/status", form={"status": "InReview", "csrf_token": token}).status == 303
    assert DRAFT_TEXT not in public_texts(reader)

    # Edited to its final text and published: the published version is public, the drafts stay out.
    form = rita.get(f"/annotate/review/{slug}/edit").text
    version = re.search(r'name="version" value="([^"]+)"', form)
    token = rita.csrf(f"/annotate/review/{slug}/edit")
    reply = rita.post(f"/annotate/review/{slug}/edit", form={
        "verdict": "https://w3id.org/claimkb#Misleading", "status": "Published", "body_fr": PUBLISHED_TEXT,
        "date_published": "2024-12-02", "evidence_url_1": "https://example.org/preuve",
        "evidence_title_1": "Preuve", "csrf_token": token, **({"version": version.group(1)} if version else {})})
    assert reply.status == 303, re.findall(r'class="(?:field-error|form-error)"[^>]*>(.*?)</', reply.text, re.S)
    public = public_texts(reader)
    assert PUBLISHED_TEXT in public
    assert DRAFT_TEXT not in public
    graphs = sparql(reader, "PREFIX schema: <http://schema.org/> PREFIX ckb: <https://w3id.org/claimkb#> "
                            f"SELECT ?g ?status WHERE {{ GRAPH ?g {{ <{review}> ckb:status ?status }} }}")
    assert [row["status"]["value"] for row in graphs] == ["https://w3id.org/claimkb#Published"]
    units, _ = units_holding(served, review)
    published = graphs[0]["g"]["value"]
    unreachable(reader, [unit for unit in units if unit != published], review="urn:x:none")
    assert public_provenance(reader)[published] == "https://w3id.org/claimkb/agent/factchecker-rita"
    assert DRAFT_TEXT in rita.get(f"/annotate/claim/{CLAIM}/history").text  # the workspace keeps every version
