"""A KB of thousands of units on Virtuoso: which of its requests name every graph, and what happens past
the number Virtuoso can compile (kb/store/remote.py, ``MAX_NAMED_GRAPHS``; docs/deploy.md, "Virtuoso")."""
import pytest

from kb.importers.common import existing_graphs
from kb.namespaces import BASE, PROVENANCE_GRAPH
from kb.store import StoreError
from kb.store.remote import MAX_NAMED_GRAPHS
from tests.backends import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "virtuoso", reason="Virtuoso's limit on named graphs per request")

UNITS = MAX_NAMED_GRAPHS + 500


def unit(i: int):
    return BASE[f"graph/test/many-{i}"]


@pytest.fixture
def crowded(kb):
    """The shipped KB and UNITS more units of one triple each, named in the provenance graph."""
    for start in range(0, UNITS, 250):
        chunk = range(start, min(start + 250, UNITS))
        graphs = " ".join(f"GRAPH <{unit(i)}> {{ <{unit(i)}#s> <{unit(i)}#p> {i} }}" for i in chunk)
        entities = " ".join(f"<{unit(i)}> a <http://www.w3.org/ns/prov#Entity> ." for i in chunk)
        kb.store.update(f"INSERT DATA {{ {graphs} GRAPH <{PROVENANCE_GRAPH}> {{ {entities} }} }}")
    return kb


def test_lookups_of_named_units_work_whatever_the_number_of_units(crowded):
    """An import asks which of its units exist (a VALUES block of graph names): with every unit of the KB
    named in the request, Virtuoso refused it past about 5,000 units (SP030), and LIAR did not import."""
    asked = [unit(1), unit(UNITS - 1), BASE["graph/test/not-there"]]
    assert existing_graphs(crowded, asked) == {unit(1), unit(UNITS - 1)}
    assert {str(o) for o in crowded.graph(unit(7)).objects()} == {"7"}


def test_a_request_through_every_unit_says_what_to_do(crowded):
    with pytest.raises(StoreError, match="Oxigraph server"):
        crowded.store.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1")
