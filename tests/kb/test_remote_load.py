"""A first load on a remote store (a real Oxigraph server): sent in requests that any server takes
(Virtuoso refuses a large INSERT DATA), with the quad that says the store holds a KB written last."""
import pyoxigraph as ox

from kb.connect import open_kb
from kb.store import RemoteStore
from kb.store.remote import LOADED
from tests.backends.oxigraph import OxigraphServer


def test_a_first_load_cut_short_is_not_taken_for_a_kb_and_is_done_again(shipped_kb, tmp_path, capsys):
    embedded = open_kb(tmp_path / "embedded", remote={})
    whole = embedded.store.dump("nq")
    embedded.close()
    cut_short = ox.serialize([quad for quad in ox.parse(whole, format=ox.RdfFormat.N_QUADS) if quad != LOADED],
                             format=ox.RdfFormat.N_QUADS)
    server = OxigraphServer(tmp_path / "oxigraph")
    try:
        store = RemoteStore(server.remote["query"], server.remote["update"])
        store.load(cut_short)  # every request of a first load but its last
        assert store.is_empty()
        kb = open_kb(tmp_path, remote=server.remote)
        assert "the store was empty" in capsys.readouterr().err
        assert not kb.store.is_empty()
        assert kb.select("competency/01-research-phase") == shipped_kb.select("competency/01-research-phase")
        assert kb.validate_all() == []
    finally:
        server.stop()
