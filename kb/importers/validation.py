"""Incremental validation of an import batch: the same result as :func:`kb.incremental.check_write` on
the batch, reached faster.

Three things differ, none of which changes the result:

- the validation context is read with one query per kind for the whole batch (:class:`BatchView`), where
  :class:`kb.incremental.PostWriteView` sends one query per node;
- the shapes are checked on the focus nodes only (:mod:`kb.shacl_processor`, as for one write), not on
  the context around them: a node's results depend only on the data graph, not on which other nodes
  are checked;
- a batch whose records do not refer to each other's resources is cut into independent groups
  (each with the shared units it needs), validated in parallel processes: a node's neighbourhood then
  lies within its own group (:func:`independent_groups` checks it, else the batch stays whole).

And before all of that, :func:`fast_check`: the batch's focus nodes checked by the shapes compiled to
Python (:mod:`kb.importers.shape_checks`) over the batch's own triples and the store's triples about the
nodes they point to (one query per thousand nodes); pySHACL then runs only on the nodes those checks do
not find conforming, to write their violations. It applies to a batch that adds to no resource the store
already describes (an import's units are new), else :func:`check_batch` does the whole batch.

``tests/kb/importers/test_validation.py`` holds both equal to ``check_write`` on good and bad batches.
"""
import gc
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kb import incremental, sparql, vocabulary
from kb.importers import shape_checks
from kb.namespaces import OA
from kb.validation import Violation, validate

CHUNK = 1000


class BatchView(incremental.PostWriteView):
    """The post-write view, with the context of a set of nodes read in a few queries up front."""

    def __init__(self, store, added: Graph, removed: Graph):
        super().__init__(store, added, removed)
        self._incoming: dict = {}
        self._anchored: dict = {}

    def prefetch(self, nodes, objects=()):
        nodes = [n for n in dict.fromkeys(nodes) if isinstance(n, URIRef)]
        more = [n for n in dict.fromkeys(objects) if isinstance(n, URIRef) and n not in self._outgoing]
        for name, targets, key in (("outgoing", list(dict.fromkeys(nodes + more)), 0), ("incoming", nodes, 2),
                                   ("anchored-in", nodes, 2)):
            cache = {"outgoing": self._outgoing, "incoming": self._incoming, "anchored-in": self._anchored}[name]
            targets = [t for t in targets if t not in cache]
            for start in range(0, len(targets), CHUNK):
                chunk = targets[start:start + CHUNK]
                found = {node: Graph() for node in chunk}
                for triple in self.store.construct(sparql.bind_many(sparql.text(f"import/{name}"), "node", chunk)):
                    if triple not in self.removed:
                        found[triple[key]].add(triple)
                if name == "outgoing":
                    for node, graph in found.items():
                        for triple in self.added.triples((node, None, None)):
                            graph.add(triple)
                cache.update(found)

    def incoming(self, node) -> Graph:
        if node not in self._incoming:
            return super().incoming(node)
        found = Graph()
        for triple in self._incoming[node]:
            found.add(triple)
        for triple in self.added.triples((None, None, node)):
            found.add(triple)
        return found

    def anchored_in(self, source) -> set:
        if source not in self._anchored:
            return super().anchored_in(source)
        targets = set(self._anchored[source].subjects(OA.hasSource, source)) \
            | set(self.added.subjects(OA.hasSource, source))
        return {selector for target in targets for selector in self.outgoing(target).objects(target, OA.hasSelector)}


def context_of(store, added: Graph) -> tuple[Graph, set]:
    """The data graph and the focus nodes that :func:`kb.incremental.check_write` would validate."""
    removed = Graph()
    view = BatchView(store, added, removed)
    view.prefetch(set(added.subjects()), set(added.objects()))
    focus = incremental.affected_nodes(view, added, removed)
    view.prefetch(focus)
    return incremental.context(view, focus), focus


def violations_of(triples: list, focus: set) -> list[Violation]:
    """The violations of ``focus`` nodes in the data graph ``triples`` (run in a worker process)."""
    data = Graph()
    for triple in triples:
        data.add(triple)
    return validate(data, focus_nodes=focus, vocabulary_graph=vocabulary.class_hierarchy())


def check_batch(store, groups: list[Graph], pool=None) -> list[Violation]:
    """The violations that writing the union of ``groups`` would bring (independent groups, see the
    module's docstring); with a process ``pool``, the groups are validated in parallel."""
    jobs = [context_of(store, added) for added in groups if len(added)]
    if pool is None or len(jobs) < 2:
        results = [violations_of(list(data), focus) for data, focus in jobs]
    else:
        results = list(pool.map(violations_of, [list(data) for data, _ in jobs], [focus for _, focus in jobs]))
    return sorted({v for found in results for v in found}, key=lambda v: tuple(part or "" for part in v.key))


def independent_groups(parts: list[tuple[dict, set]], count: int) -> list[list[int]]:
    """Indices of ``parts`` (each: owned units, names of shared units) cut into at most ``count`` groups
    that mention no resource owned by another group; one group if they cannot be cut so."""
    if count < 2 or len(parts) < 2:
        return [list(range(len(parts)))]
    size = -(-len(parts) // count)
    groups = [list(range(start, min(start + size, len(parts)))) for start in range(0, len(parts), size)]
    owner: dict = {}
    for number, group in enumerate(groups):
        for index in group:
            for graph in parts[index][0].values():
                for subject in graph.subjects():
                    if owner.setdefault(subject, number) != number:
                        return [list(range(len(parts)))]
    for number, group in enumerate(groups):
        for index in group:
            for graph in parts[index][0].values():
                for node in graph.objects():
                    if owner.get(node, number) != number:
                        return [list(range(len(parts)))]
    return groups


def workers() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def pool(count: int | None = None):
    """A pool of validation processes (spawned: they never share the store's open files), or None for one core."""
    count = workers() if count is None else count
    if count < 2:
        return None
    return ProcessPoolExecutor(max_workers=count, mp_context=get_context("spawn"))


# -- the fast path ---------------------------------------------------------------------------------------

# The links the shapes follow backwards (from a selector to its target, from a document to the targets
# in it): the only ones :func:`index` keeps both ways.
HAS_SELECTOR, HAS_SOURCE = OA.hasSelector, OA.hasSource
BACKWARD = (HAS_SELECTOR, HAS_SOURCE)
# Read once per node of a batch: an rdflib namespace makes a new term at each attribute access.
TYPE, SUBCLASS_OF = RDF.type, RDFS.subClassOf


def index(triples) -> tuple[dict, dict]:
    """``triples`` as the two maps of :class:`kb.importers.shape_checks.View`: node -> predicate ->
    objects, and, for the :data:`BACKWARD` predicates, predicate -> object -> subjects (dicts as
    ordered sets: a triple given twice counts once)."""
    out: dict = {}
    into: dict = {predicate: {} for predicate in BACKWARD}
    for s, p, o in triples:
        by_predicate = out.get(s)
        if by_predicate is None:
            by_predicate = out[s] = {}
        objects = by_predicate.get(p)
        if objects is None:
            objects = by_predicate[p] = {}
        objects[o] = None
        if p in into:
            into[p].setdefault(o, {})[s] = None
    return out, into


class Added:
    """The batch's triples, read as :class:`kb.incremental.PostWriteView` reads an rdflib graph of them."""

    def __init__(self, out: dict):
        self.out = out
        self._into: dict | None = None

    def triples(self, pattern):
        s, p, o = pattern
        if s is not None and p is None and o is None:
            return ((s, predicate, value) for predicate, values in self.out.get(s, {}).items() for value in values)
        if s is None and p is None and o is not None and not isinstance(o, Literal):
            # What points to a node (incoming): literals, most of a batch's objects and slow to hash
            # (rdflib's Literal.__hash__ is Python), are left out of this index.
            if self._into is None:
                self._into = {}
                for subject, by_predicate in self.out.items():
                    for predicate, values in by_predicate.items():
                        for value in values:
                            if not isinstance(value, Literal):
                                self._into.setdefault(value, []).append((subject, predicate, value))
            return iter(self._into.get(o, ()))
        return ((subject, predicate, value) for subject, by_predicate in self.out.items()
                if s is None or subject == s
                for predicate, values in by_predicate.items() if p is None or predicate == p
                for value in values if o is None or value == o)

    def subjects(self, predicate=None, object=None):
        return (s for s, _, _ in self.triples((None, predicate, object)))


def _store_triples(store, query: str):
    """The triples of a CONSTRUCT ``query`` as rdflib terms, without filling an rdflib graph (a tenth of a
    millisecond a triple) where the store is the embedded one."""
    if hasattr(store, "oxigraph"):
        for triple in store.oxigraph.query(query):
            yield sparql.to_rdflib(triple.subject), sparql.to_rdflib(triple.predicate), sparql.to_rdflib(triple.object)
    else:
        yield from store.construct(query)


def _chunks(nodes: list):
    for start in range(0, len(nodes), CHUNK):
        yield nodes[start:start + CHUNK]


def fast_check(store, units: dict, pending=None, settle=None) -> list[Violation] | None:
    """The violations that writing ``units`` (graph name -> triples) would bring, as :func:`check_batch`
    gives them; None where the fast path does not apply (the batch adds to resources the store already
    describes or anchors into, or to the class hierarchy): then :func:`check_batch` must run.
    ``pending``: the :func:`index` of a batch being written (:mod:`kb.importers.writer`), read as part of
    the store; ``settle()`` waits for it, before pySHACL reads the store."""
    with _collector_paused():
        return _fast_check(store, units, pending, settle)


@contextmanager
def _collector_paused():
    """Python's cycle collector held off while a batch is checked. The check's index of the batch is tens
    of thousands of dictionaries that hold no cycles and are freed when it returns; with the collector on,
    they outlive its young generations and so set off full collections, which walk every object of the
    process (an import holds all its records): at 300,000 quads, about 40% of the validation's CPU time.
    Held off, they are freed by their reference counts before the collector sees them (what pySHACL leaves
    in cycles is collected after)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _fast_check(store, units: dict, pending, settle) -> list[Violation] | None:
    out, into = index(triple for graph in units.values() for triple in graph)
    subjects = [node for node in out if isinstance(node, URIRef)]
    added = Added(dict(out))
    if len(subjects) != len(out) or any(SUBCLASS_OF in by_predicate for by_predicate in out.values()):
        return None
    if pending is not None and (
            any(node in pending[0] or any(node in pending[1][link] for link in BACKWARD) for node in subjects)
            or any(SUBCLASS_OF in by_predicate for by_predicate in pending[0].values())):
        return None
    for chunk in _chunks(subjects):
        if store.ask(sparql.bind_many(sparql.text("import/described"), "node", chunk)):
            return None
    hierarchy = vocabulary.class_hierarchy()
    if any(triple not in hierarchy for triple in _store_triples(store, sparql.text("import/class-axioms"))):
        return None
    # What kb.incremental.affected_nodes gives for a batch of new resources: its subjects and the
    # selectors of the targets among them (the store holds no target of theirs: import/described).
    focus = set(out)
    for node in out:
        for target in [node, *into[HAS_SELECTOR].get(node, ()), *into[HAS_SOURCE].get(node, ())]:
            focus.update(out.get(target, {}).get(HAS_SELECTOR, ()))
    if not focus <= out.keys():
        return None
    # The nodes the batch points to, but by rdf:type (its classes: the hierarchy is the vocabulary's). The
    # types are told apart by their dictionary, found once per node (comparing terms is a Python call).
    pointed = set()
    for by_predicate in out.values():
        types = by_predicate.get(TYPE)
        for values in by_predicate.values():
            if values is not types:
                for value in values:
                    if isinstance(value, URIRef) and value not in out:
                        pointed.add(value)
    outgoing = sparql.text("import/outgoing")
    for chunk in _chunks(list(pointed)):
        _read_into(out, into, *index(_store_triples(store, sparql.bind_many(outgoing, "node", chunk))))
    if pending is not None:  # what the batch being written says of them, not in the store yet
        _read_into(out, into, {node: pending[0][node] for node in pointed if node in pending[0]})
    view = shape_checks.View(out, into, shape_checks.superclasses())
    doubtful = set()
    for node in focus:
        try:
            if not shape_checks.conforms(node, view):
                doubtful.add(node)
        except shape_checks.Unsure:
            doubtful.add(node)
    if not doubtful:
        return []
    if settle is not None:
        settle()
    return _reported(store, added, doubtful)


def _read_into(out: dict, into: dict, more_out: dict, more_into: dict | None = None):
    """Adds triples indexed as :func:`index` does to ``out`` and ``into``, leaving ``more_out`` and
    ``more_into`` as they are."""
    for node, by_predicate in more_out.items():
        mine = out.setdefault(node, {})
        for predicate, values in by_predicate.items():
            mine.setdefault(predicate, {}).update(values)
    for link, found in (more_into or {}).items():
        for value, subjects in found.items():
            into[link].setdefault(value, {}).update(subjects)


def _reported(store, added: Added, focus: set) -> list[Violation]:
    """pySHACL's violations of the ``focus`` nodes, on their context as :func:`kb.incremental.check_write`
    reads it."""
    view = BatchView(store, added, Graph())
    view.prefetch(focus, {o for node in focus for _, _, o in added.triples((node, None, None))})
    data = incremental.context(view, focus)
    return validate(data, focus_nodes=focus, vocabulary_graph=vocabulary.class_hierarchy())
