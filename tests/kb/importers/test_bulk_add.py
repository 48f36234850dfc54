"""An import batch on the embedded store is bulk-loaded, without a transaction, and still all or nothing
(kb.store.EmbeddedStore.bulk_add): whatever part of it is in the store when the load fails, or when the
process dies during it, is taken out again, in the process or at the next opening of the store; triples
of the current view that another unit holds stay."""
import subprocess
import sys
import textwrap

import pytest

from kb.changes import Change, now_literal
from kb.connect import open_kb
from kb.importers import common, liar
from kb.knowledgebase import SYSTEM_AGENT
from kb.store import QuerySyntaxError
from tests import backends

pytestmark = pytest.mark.skipif(backends.BACKEND != "embedded",
                                reason="bulk loads are the embedded store's; a remote store gets one SPARQL Update")

EVERYTHING = "SELECT ?g ?s ?p ?o WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }"


def quads(kb) -> set:
    return {tuple(row.get(v) for v in ("g", "s", "p", "o")) for row in kb.store.select(EVERYTHING)}


@pytest.fixture
def batch(kb, liar_sample):
    """A batch of LIAR records as the importer writes it, one unit of which also holds a triple of a unit
    already in the KB (its copy in the current view must survive the batch being taken back)."""
    records, shared = liar.records(liar.read(liar_sample))
    change = Change(units=common._units_of(records[:12], shared, set()))
    change.attribute(SYSTEM_AGENT, now_literal())
    held = kb.store.select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s a <http://schema.org/Claim> ; ?p ?o } "
                           "FILTER (STRSTARTS(STR(?g), 'https://w3id.org/claimkb/graph/')) } LIMIT 1")[0]
    claim = next(name for name in change.units if "/claim/" in str(name))
    change.units[claim].add((held["s"], held["p"], held["o"]))
    return change, (held["s"], held["p"], held["o"])


def test_a_bulk_load_writes_what_the_sparql_update_writes(kb, batch, tmp_path):
    change, _ = batch
    other = open_kb(tmp_path / "other")
    try:
        other.store.update(change.as_update())
        kb.store.bulk_add(change.nquads_parts(), list(change.units))
        assert quads(kb) == quads(other)
        assert kb.store.select("SELECT * WHERE { GRAPH <https://w3id.org/claimkb#pending-loads> { ?s ?p ?o } }") == []
    finally:
        other.close()


def test_a_load_that_fails_is_taken_back_and_the_shared_triple_stays(kb, batch):
    change, shared_triple = batch
    before = quads(kb)
    named, view = change.nquads_parts()
    half = view.index(b"\n", len(view) // 2) + 1
    with pytest.raises(QuerySyntaxError):
        kb.store.bulk_add([named, view[:half], b"<not n-quads\n"], list(change.units))
    assert quads(kb) == before
    assert kb.store.ask("ASK { ?s ?p ?o }", dict(zip("spo", shared_triple)))


DIE = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from rdflib import URIRef
    from kb.store import EmbeddedStore
    folder, after = Path(sys.argv[1]), int(sys.argv[2])
    parts = [(folder / name).read_bytes() for name in ("named.nq", "view-1.nq", "view-2.nq")]
    graphs = [URIRef(line) for line in (folder / "graphs.txt").read_text().split()]
    def parts_then_death():
        yield from parts[:after]
        os._exit(9)  # the process dies here: no clean-up of any kind runs
    EmbeddedStore(folder / "oxigraph").bulk_add(parts_then_death(), graphs)
""")


@pytest.mark.parametrize("after", [0, 1, 2], ids=["after the marker", "after the units", "in the view's copy"])
def test_a_process_that_dies_during_a_load_leaves_nothing_of_it(data_dir, batch, kb, after, capfd):
    change, shared_triple = batch
    before = quads(kb)
    kb.close()
    named, view = change.nquads_parts()
    half = view.index(b"\n", len(view) // 2) + 1
    folder = data_dir
    for name, data in (("named.nq", named), ("view-1.nq", view[:half]), ("view-2.nq", view[half:])):
        (folder / name).write_bytes(data)
    (folder / "graphs.txt").write_text("\n".join(str(name) for name in change.units))
    died = subprocess.run([sys.executable, "-c", DIE, str(folder), str(after)], capture_output=True, text=True)
    assert died.returncode == 9, died.stderr
    reopened = open_kb(folder)
    try:
        assert "import batch was cut off" in capfd.readouterr().err
        assert reopened.store.recovered == len(change.units)
        assert quads(reopened) == before
        assert reopened.store.ask("ASK { ?s ?p ?o }", dict(zip("spo", shared_triple)))
        # The import run again writes the batch whole.
        reopened.store.bulk_add(change.nquads_parts(), list(change.units))
        assert len(quads(reopened)) > len(before)
        assert common.existing_graphs(reopened, list(change.units)) == set(change.units)
    finally:
        reopened.close()
