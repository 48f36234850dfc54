"""Incremental validation: check one write against the shapes without revalidating the whole KB.

The shapes read a focus node's own triples, one hop further for the nodes it points to (their class,
a verdict's scheme, a cited work's url), and, for a text-quote selector, its target, the sibling
position selector and the source's text. So one write is checked on the view *after* the write,
restricted to that neighbourhood of the nodes it can affect: the subjects it touches; the selectors
of a touched target, source or sibling selector; and, when a node loses a class, whoever refers to
it. The current view conforms before the write, so nothing else can change.
``tests/kb/test_incremental.py`` holds the result equal to a full validation on seeded random writes.
"""
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kb import sparql, vocabulary
from kb.namespaces import OA
from kb.validation import Violation, validate


class PostWriteView:
    """The current view as it would be after the write: store triples minus ``removed`` plus ``added``."""

    def __init__(self, store, added: Graph, removed: Graph):
        self.store, self.added, self.removed = store, added, removed
        self._outgoing: dict = {}

    def _store(self, query: str, node) -> Graph:
        if not isinstance(node, URIRef):
            return Graph()
        found = self.store.construct(sparql.text(query), {"node": node})
        found -= self.removed
        return found

    def outgoing(self, node) -> Graph:
        if node not in self._outgoing:
            found = self._store("validation/outgoing", node)
            for triple in self.added.triples((node, None, None)):
                found.add(triple)
            self._outgoing[node] = found
        return self._outgoing[node]

    def incoming(self, node) -> Graph:
        found = self._store("validation/incoming", node)
        for triple in self.added.triples((None, None, node)):
            found.add(triple)
        return found

    def anchored_in(self, source) -> set:
        """The selectors of every target whose source is ``source``."""
        found = self._store("validation/anchored-in", source)
        targets = set(found.subjects(OA.hasSource, source)) | set(self.added.subjects(OA.hasSource, source))
        return {selector for target in targets for selector in self.outgoing(target).objects(target, OA.hasSelector)}

    def targets_of(self, selector) -> set:
        return set(self.incoming(selector).subjects(OA.hasSelector, selector))


def affected_nodes(view: PostWriteView, added: Graph, removed: Graph) -> set:
    touched = set(added.subjects()) | set(removed.subjects())
    focus = set(touched)
    for node in touched:
        focus |= set(view.outgoing(node).objects(node, OA.hasSelector))
        for target in view.targets_of(node):
            focus |= set(view.outgoing(target).objects(target, OA.hasSelector))
        focus |= view.anchored_in(node)
    for node in set(removed.subjects(RDF.type, None)):
        focus |= set(view.incoming(node).subjects())
    return focus


def context(view: PostWriteView, focus: set) -> Graph:
    data = Graph()

    def with_neighbours(node):
        own = view.outgoing(node)
        for graph in [own, *(view.outgoing(obj) for obj in set(own.objects()))]:
            for triple in graph:
                data.add(triple)

    for node in focus:
        with_neighbours(node)
        for target in view.targets_of(node):
            with_neighbours(target)
            for selector in view.outgoing(target).objects(target, OA.hasSelector):
                with_neighbours(selector)
    return data


def check_write(store, added: Graph, removed: Graph | None = None) -> list[Violation]:
    """The violations the current view would have after adding ``added`` and removing ``removed``,
    among the nodes the write can affect."""
    removed = removed if removed is not None else Graph()
    view = PostWriteView(store, added, removed)
    focus = affected_nodes(view, added, removed)
    # The context holds the verdicts' scheme (a rating's objects); of the vocabulary, only the class
    # hierarchy lies further out than the shapes' one hop.
    return validate(context(view, focus), focus_nodes=focus, vocabulary_graph=vocabulary.class_hierarchy())
