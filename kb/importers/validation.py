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

``tests/kb/importers/test_validation.py`` holds it equal to ``check_write`` on good and bad batches.
"""
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from rdflib import Graph, URIRef

from kb import incremental, sparql, vocabulary
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
