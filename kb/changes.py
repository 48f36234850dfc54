"""A unit of work as data: what goes into a new named graph, the current view and the provenance graph.

One :class:`Change` becomes one SPARQL Update request, which both backends apply as one transaction:
a write is all or nothing. Terms are serialised by rdflib (escaped), never formatted from user text.
The provenance of a unit that holds an unpublished review goes to ``ckb:embargoed-provenance``, the rest
to ``ckb:provenance``, which researchers read (``kb.embargo``).
"""
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from kb import sparql
from kb.embargo import EMBARGOED_PROVENANCE, PUBLIC_VIEW, is_embargoed
from kb.namespaces import PROVENANCE_GRAPH


# Virtuoso 7.2 refuses an INSERT template compiled to more than 10,000 lines of SQL (SP031): the public
# view's insert of the 60 LIAR records of the tests failed at 1,760 triples and passed at 1,000. So every
# operation that carries triples holds at most this many (the size of RemoteStore.load's requests, which
# Virtuoso takes as INSERT DATA), in the one request; a store that must cut a large request cuts it
# between operations (RemoteStore.update: a 6.3 MB request ran Virtuoso's parser out of memory, SP030).
OPERATION_TRIPLES = 500


def _parts(graph) -> list[str]:
    """``graph``'s triples as text, in parts of at most ``OPERATION_TRIPLES``."""
    lines = [f"    {s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph]
    return ["\n".join(lines[start:start + OPERATION_TRIPLES]) for start in range(0, len(lines), OPERATION_TRIPLES)]


class Update(str):
    """The text of one SPARQL Update request (its operations joined by ``;``) that keeps the list of its
    ``operations``: a store that does not apply a request whole (Virtuoso, ``RemoteStore.update``)
    sends them in several, in order."""
    operations: tuple[str, ...]

    def __new__(cls, operations: list[str]):
        update = super().__new__(cls, " ;\n".join(operations))
        update.operations = tuple(operations)
        return update


@dataclass
class Change:
    """Insert ``units`` (graph name -> triples) as named graphs and into the current view;
    retire ``retired`` graphs (marked invalidated, their triples leave the current view unless another
    current graph holds them); record ``provenance`` triples in ``ckb:provenance``, or for units that
    hold an unpublished review in ``ckb:embargoed-provenance`` (:meth:`provenance_graphs`)."""

    units: dict[URIRef, Graph] = field(default_factory=dict)
    provenance: Graph = field(default_factory=Graph)
    retired: list[URIRef] = field(default_factory=list)
    current_view: bool = True

    @classmethod
    def inserting(cls, dataset: Dataset) -> "Change":
        """A change that adds a dataset's named graphs as units, its ``ckb:provenance`` graph as provenance."""
        change = cls()
        for graph in dataset.graphs():
            if len(graph) == 0:
                continue
            if graph.identifier in (PROVENANCE_GRAPH, EMBARGOED_PROVENANCE):
                change.provenance += graph
            elif isinstance(graph.identifier, URIRef):
                change.units[graph.identifier] = graph
        return change

    def attribute(self, agent: URIRef, at: Literal, revision_of: URIRef | None = None):
        """Provenance of every unit of this change: who, when, and which older version it revises."""
        for name in self.units:
            self.provenance.add((name, RDF.type, PROV.Entity))
            self.provenance.add((name, PROV.wasAttributedTo, agent))
            self.provenance.add((name, PROV.generatedAtTime, at))
            if revision_of is not None:
                self.provenance.add((name, PROV.wasRevisionOf, revision_of))
        for old in self.retired:
            self.provenance.add((old, PROV.invalidatedAtTime, at))

    def view_triples(self) -> Graph:
        view = Graph()
        for graph in self.units.values():
            view += graph
        return view

    def provenance_graphs(self) -> dict[URIRef, Graph]:
        """The provenance triples by the graph they go to, but those about a retired unit that this
        change does not insert: whether that one is embargoed is read in the store (:meth:`as_update`).
        A unit never changes, so where its provenance goes is decided once, by its own triples."""
        embargoed = {name for name, graph in self.units.items() if is_embargoed(graph)}
        graphs = {PROVENANCE_GRAPH: Graph(), EMBARGOED_PROVENANCE: Graph()}
        for s, p, o in self.provenance:
            if s in self.retired and s not in self.units:
                continue
            graphs[EMBARGOED_PROVENANCE if s in embargoed else PROVENANCE_GRAPH].add((s, p, o))
        return {name: graph for name, graph in graphs.items() if len(graph)}

    def _retirements(self) -> list[str]:
        """The provenance of the retired units (when they stopped being current), in the graph that
        holds their provenance: the embargoed one if the unit holds an unpublished review."""
        operation = sparql.text("embargo/retirement")
        return [sparql.bind_values(operation, {"unit": s, "p": p, "o": o})
                for s, p, o in self.provenance if s in self.retired and s not in self.units]

    def as_nquads(self) -> bytes:
        """The quads a change inserts (its units, their copy in the current view, the provenance), as
        N-Quads: what :meth:`as_update` inserts, for a bulk load."""
        return b"".join(self.nquads_parts())

    def nquads_parts(self) -> tuple[bytes, bytes]:
        """:meth:`as_nquads` in two parts: the provenance and the units, then their copy in the current view
        (the order :meth:`kb.store.EmbeddedStore.bulk_add` needs to take back a part loaded)."""
        cache: dict = {}

        def term(t):
            """The term in N-Triples syntax as Oxigraph writes it, once Oxigraph accepts it: lines of text
            cost a third of what building pyoxigraph quads to serialize them does."""
            found = cache.get(t)
            if found is None:
                found = cache[t] = str(sparql.to_oxigraph(t))
            return found

        named, view = [], []
        for name, graph in self.provenance_graphs().items():  # an unpublished unit's apart (kb/embargo.py)
            end = f" {term(name)} .\n"
            for s, p, o in graph:
                named.append(f"{term(s)} {term(p)} {term(o)}{end}")
        for name, graph in self.units.items():
            end = f" {term(name)} .\n"
            for s, p, o in graph:
                triple = f"{term(s)} {term(p)} {term(o)}"
                named.append(triple + end)
                if self.current_view:
                    view.append(triple + " .\n")
        return "".join(named).encode("utf-8"), "".join(view).encode("utf-8")

    def as_update(self) -> "Update":
        """The SPARQL Update request of this change (operations in order, one request).

        INSERT DATA carries data, not query structure: each term is serialised by rdflib's ``n3()``
        (IRIs validated, literals escaped), so no value can alter the request. One request keeps the
        unit, its view copy, its provenance, the retirement and the public view of a remote store in one
        transaction, on the embedded store and on a remote endpoint alike (not on Virtuoso, which applies
        each operation on its own, and gets a change in several requests: docs/deploy.md); the
        retirements themselves are fixed ``.ru`` with bindings.
        """
        operations = [f"INSERT DATA {{ GRAPH {name.n3()} {{\n{part}\n}} }}"
                      for name, graph in self.provenance_graphs().items() for part in _parts(graph)]
        operations += self._retirements()
        for old in self.retired:
            operations.append(sparql.bind_values(sparql.text("write/retire"), {"old": old}))
        # Operations with a WHERE before the large INSERT DATA: Oxigraph evaluates a WHERE over the
        # request's own uncommitted writes, which costs more the more there are (a unit of 30 triples:
        # 1.8 ms for the request; with the public view's operations after its inserts, 78-80 ms).
        operations += self._in_public_view()
        if self.current_view and self.units:
            operations += [f"INSERT DATA {{\n{part}\n}}" for part in _parts(self.view_triples())]
        # The units last: where a store sends a change in parts (Virtuoso, kb/store/remote.py), a unit
        # graph that exists was written with its view copy and its provenance (what an import checks).
        for name, graph in self.units.items():
            operations += [f"INSERT DATA {{ GRAPH {name.n3()} {{\n{part}\n}} }}" for part in _parts(graph)]
        return Update(operations)

    def _in_public_view(self) -> list[str]:
        """The same change in the public view that a remote store keeps for researchers (``kb.embargo``),
        in the same request, so that it is never out of step with the current view: retired units leave
        it, units that hold no unpublished review enter it. Run before the new units are inserted, a
        retirement takes out of the view a triple that the new unit holds too, and the new unit puts it
        back, as ``write/retire.ru`` does. Where there is no public view (the embedded store, whose
        researchers read a stripped snapshot) these operations change nothing."""
        retire = sparql.text("embargo/public-retire")
        operations = [sparql.bind_values(retire, {"old": old}) for old in self.retired]
        public = Graph()
        for graph in self.units.values():
            if not is_embargoed(graph):
                public += graph
        if self.current_view and len(public):
            view = PUBLIC_VIEW.n3()
            # "Is there a view?" as a one-row sub-select, not FILTER EXISTS: Virtuoso 7.2 ignores a WHERE
            # that is only a FILTER EXISTS and inserts anyway, which would start a view of these units
            # alone where there is none, and keep_public_view would then never build the whole one.
            operations += [f"INSERT {{ GRAPH {view} {{\n{part}\n}} }}\n"
                           f"WHERE {{ {{ SELECT ?any WHERE {{ GRAPH {view} {{ ?any ?p ?o }} }} LIMIT 1 }} }}"
                           for part in _parts(public)]
        return operations


def now_literal() -> Literal:
    from datetime import datetime, timezone
    return Literal(datetime.now(timezone.utc).isoformat(timespec="seconds"), datatype=XSD.dateTime)
