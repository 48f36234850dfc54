"""The public view a remote store keeps for researchers (``kb/embargo.py``) stays what the embedded store's
stripped snapshot holds, write after write: kept in step by each write's own request, it equals a rebuild
from scratch, and the default graph that ``strip.ru`` leaves in an embedded copy of the same dataset.
On a real ``oxigraph serve`` whatever the suite's backend (the view exists only on a remote store), or on
Virtuoso when the suite runs on it."""
import shutil

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kb import sparql
from kb.changes import Change, now_literal
from kb.connect import open_kb
from kb.embargo import EMBARGOED_PROVENANCE, NO_GRAPH, PUBLIC_VIEW, public_dataset, public_graphs
from kb.namespaces import BASE, CKB, PROVENANCE_GRAPH
from kb.sparql import to_rdflib
from tests import backends
from tests.backends.oxigraph import OxigraphServer

SCHEMA = "http://schema.org/"
# The texts of unpublished versions (not words that the vocabulary's labels hold, such as "brouillon").
DRAFT, IN_REVIEW, BACK_TO_DRAFT = "brouillon sous embargo", "relue sous embargo", "reprise sous embargo"
CLAIM = BASE["claim/sora-still-in-research-phase"]
AGENT = BASE["agent/claimkb"]


def server_for(directory):
    """A real store holding ``directory``'s template: the suite's Virtuoso, else an ``oxigraph serve``."""
    if backends.BACKEND == "virtuoso":
        from tests.backends.virtuoso import dataset_for
        return dataset_for(directory)
    return OxigraphServer(directory / "oxigraph")


@pytest.fixture
def remote_kb(shipped_dir, tmp_path):
    directory = tmp_path / "store"
    shutil.copytree(shipped_dir, directory)
    server = server_for(directory)
    kb = open_kb(directory, remote=server.remote)
    try:
        yield kb
    finally:
        kb.close()
        server.stop()


def review(name: str, status, body: str) -> Graph:
    """A review unit's triples; every one of them mentions the same claim (a triple several units hold)."""
    iri = BASE[f"review/{name}"]
    graph = Graph()
    graph.add((iri, RDF.type, URIRef(SCHEMA + "ClaimReview")))
    graph.add((iri, URIRef(SCHEMA + "itemReviewed"), CLAIM))
    graph.add((iri, CKB.status, status))
    graph.add((iri, URIRef(SCHEMA + "reviewBody"), Literal(body, lang="fr")))
    graph.add((CLAIM, URIRef(SCHEMA + "review"), iri))
    return graph


def commit(kb, unit: str | None, triples: Graph | None, revises: str | None = None):
    """One write as the facade makes it (a unit, the retirement of the one it revises), without the
    shapes: what is checked here is the view, whatever the triples."""
    old = BASE[f"graph/{revises}"] if revises else None
    change = Change(units={BASE[f"graph/{unit}"]: triples} if unit else {})
    if old is not None:
        change.retired.append(old)
    change.attribute(AGENT, now_literal(), old if unit else None)
    kb.store.update(change.as_update())


def public_view(kb) -> set:
    return {(row["s"], row["p"], row["o"]) for row in kb.store.select(sparql.text("embargo/public-view-triples"))}


def stripped(kb) -> set:
    """The default graph of an embedded copy of the same dataset once ``strip.ru`` has run on it."""
    copy = ox.Store()
    copy.load(kb.store.dump("nq"), format=ox.RdfFormat.N_QUADS)
    copy.update(sparql.text("embargo/strip"))
    return {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
            for q in copy.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def test_the_public_view_follows_every_write(remote_kb):
    kb = remote_kb
    steps = [
        ("a published review", lambda: commit(kb, "a", review("a", CKB.Published, "publiée"))),
        ("a draft of another", lambda: commit(kb, "d1", review("d", CKB.Draft, DRAFT))),
        ("the draft in review", lambda: commit(kb, "d2", review("d", CKB.InReview, IN_REVIEW), revises="d1")),
        ("the draft published",
         lambda: commit(kb, "d3", review("d", CKB.Published, "publiée aussi"), revises="d2")),
        ("a published review back to draft",
         lambda: commit(kb, "a2", review("a", CKB.Draft, BACK_TO_DRAFT), revises="a")),
        ("a retraction", lambda: commit(kb, None, None, revises="d3")),
    ]
    drafts = {Literal(text, lang="fr") for text in (DRAFT, IN_REVIEW, BACK_TO_DRAFT)}
    for what, write in steps:
        write()
        view = public_view(kb)
        assert view == stripped(kb), what
        assert not {o for _, _, o in view} & drafts, what
        kept = view
        kb.store.update(sparql.text("embargo/public-view"))  # rebuilt from scratch
        assert public_view(kb) == kept, what
    assert (CLAIM, URIRef(SCHEMA + "review"), BASE["review/a"]) not in view  # back to draft: out
    assert (CLAIM, RDF.type, URIRef(SCHEMA + "Claim")) in view  # the claim itself stays public


def test_a_write_starts_no_public_view_on_a_store_that_has_none(remote_kb):
    """A store without a view (restored from a backup, not opened by claimkb since) gets the whole view
    built at the next start: a write before then must not start one holding its own unit only, which
    would pass for the view from then on (Virtuoso inserts under a WHERE of a lone FILTER EXISTS)."""
    kb = remote_kb
    kb.store.update(f"DROP SILENT GRAPH {PUBLIC_VIEW.n3()}")
    commit(kb, "a", review("a", CKB.Published, "publiée"))
    assert not kb.store.ask(sparql.text("embargo/has-public-view"))


def test_backups_leave_the_public_view_out_and_a_restored_store_gets_it_back(remote_kb, tmp_path):
    kb = remote_kb
    commit(kb, "d1", review("d", CKB.Draft, DRAFT))
    backup = kb.store.dump("nq")
    assert str(PUBLIC_VIEW).encode() not in backup
    directory = tmp_path / "restored"
    server = server_for(directory)
    try:
        restored = open_kb(directory, remote=server.remote, load=False)
        restored.store.load(backup, "nq")
        assert not restored.store.ask(sparql.text("embargo/has-public-view"))
        restored.close()
        restored = open_kb(directory, remote=server.remote)  # the next command builds it
        assert public_view(restored) == public_view(kb)
        restored.close()
    finally:
        server.stop()



def provenance_subjects(kb, graph) -> set:
    rows = kb.store.select(f"SELECT DISTINCT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return {row["s"] for row in rows}


# As a claimkb older than ckb:embargoed-provenance left a store: every unit's provenance in ckb:provenance.
MERGE_PROVENANCE = """INSERT { GRAPH <https://w3id.org/claimkb#provenance> { ?s ?p ?o } }
WHERE { GRAPH <https://w3id.org/claimkb#embargoed-provenance> { ?s ?p ?o } } ;
DROP SILENT GRAPH <https://w3id.org/claimkb#embargoed-provenance>"""  # SILENT: Virtuoso refuses to DROP a graph that no CREATE GRAPH made


def test_the_provenance_of_unpublished_units_is_kept_apart(shipped_dir, tmp_path):
    """``ckb:provenance``, which researchers read whole, names no unit holding an unpublished review,
    current or retired; the workspace still reads who made each and when; a store written by an older
    claimkb is put right when it is next opened."""
    directory = tmp_path / "store"
    shutil.copytree(shipped_dir, directory)
    server = server_for(directory)
    try:
        kb = open_kb(directory, remote=server.remote)
        commit(kb, "d1", review("d", CKB.Draft, DRAFT))
        commit(kb, "d2", review("d", CKB.InReview, IN_REVIEW), revises="d1")
        commit(kb, "d3", review("d", CKB.Published, "publiée"), revises="d2")
        drafts = {BASE["graph/d1"], BASE["graph/d2"]}
        public = provenance_subjects(kb, PROVENANCE_GRAPH)
        assert not drafts & public and BASE["graph/d3"] in public
        assert provenance_subjects(kb, EMBARGOED_PROVENANCE) == drafts
        versions = {row["unit"]: row for row in kb.select("annotate/versions", iri=BASE["review/d"])}
        assert versions[BASE["graph/d1"]]["madeBy"] == AGENT
        assert versions[BASE["graph/d1"]].get("invalidatedAt") and versions[BASE["graph/d2"]].get("invalidatedAt")
        assert not versions[BASE["graph/d3"]].get("invalidatedAt")
        split = kb.store.dump("nq")

        kb.store.update(MERGE_PROVENANCE)
        assert drafts <= provenance_subjects(kb, PROVENANCE_GRAPH)
        kb.close()
        kb = open_kb(directory, remote=server.remote)  # the next command moves it
        assert set(ox.parse(kb.store.dump("nq"), format=ox.RdfFormat.N_QUADS)) == \
            set(ox.parse(split, format=ox.RdfFormat.N_QUADS))
        kb.close()
    finally:
        server.stop()


def test_a_query_that_names_its_graphs_is_sent_with_those_only(remote_kb):
    """The named graphs sent with a researcher's query (``named-graph-uri``): those its GRAPH patterns
    name, if public, not every public unit (a list as long as the history: 7.7 MB at 100,000 units);
    every public graph when a GRAPH takes a variable or the text is too odd to tell."""
    kb = remote_kb
    commit(kb, "d1", review("d", CKB.Draft, DRAFT))
    commit(kb, "a", review("a", CKB.Published, "publiée"))
    public, draft = str(BASE["graph/a"]), str(BASE["graph/d1"])
    every = sorted(str(g) for g in public_graphs(kb.store))
    assert public in every and draft not in every and len(every) > 50

    def named(text, **request):
        return public_dataset(kb.store, text, **request)["named-graph-uri"]
    assert named(f"SELECT * WHERE {{ GRAPH <{public}> {{ ?s ?p ?o }} }}") == [public]
    assert named(f"SELECT * WHERE {{ GRAPH <{draft}> {{ ?s ?p ?o }} }}") == [str(NO_GRAPH)]
    assert named(f"PREFIX g: <{BASE}graph/> PREFIX ckb: <{CKB}> SELECT * WHERE {{ GRAPH g:a {{ ?s ?p ?o }} "
                 f"GRAPH ckb:provenance {{ ?s ?p ?o }} GRAPH ckb:embargoed\\-provenance {{ ?s ?p ?o }} }}") \
        == sorted([public, str(PROVENANCE_GRAPH)])
    assert named(f"SELECT * WHERE {{ GRAPH <{public}> {{ ?s ?p ?o }} }}", named_graphs=[draft]) == [str(NO_GRAPH)]
    for text in ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
                 f"SELECT * WHERE {{ GRAPH <{public}> {{ ?s ?p ?o }} GRAPH $g {{ ?s ?p ?o }} }}",
                 "SELECT * WHERE { \\u0047RAPH ?g { ?s ?p ?o } }"):
        assert named(text) == every, text
    assert named("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=[public, draft]) == [public]
    assert "named-graph-uri" not in public_dataset(kb.store, "SELECT * WHERE { ?s ?p ?o }")
    assert public_dataset(kb.store, f"SELECT * FROM <{draft}> WHERE {{ ?s ?p ?o }}")["default-graph-uri"] \
        == [str(NO_GRAPH)]
