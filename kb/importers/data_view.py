"""The data graph as the compiled shape checks read it (:mod:`kb.importers.shape_checks` for the core
components, :mod:`kb.importers.sparql_components` for ours): plain dictionaries of the batch's triples,
and what both kinds of component share. Here so that neither imports the other's module for it."""
from functools import cache

from rdflib import Literal
from rdflib.namespace import RDF, RDFS, XSD

from kb import vocabulary

# Terms read in the checks' inner loops: an rdflib namespace makes a new term at each attribute access.
TYPE, LANG_STRING, STRING = RDF.type, RDF.langString, XSD.string
DATE, DATE_TIME = XSD.date, XSD.dateTime
WHOLE = (XSD.integer, XSD.nonNegativeInteger)


class Unsure(Exception):
    """These checks do not decide this node: pySHACL will."""


class View:
    """What the checks read: each node's outgoing triples (``out[node][predicate]``: its objects), the
    subjects that point to a node by the predicates in ``into`` (``into[predicate][object]``), and the
    class hierarchy."""

    def __init__(self, out: dict, into: dict, superclasses: dict):
        self.out, self.into, self.superclasses = out, into, superclasses
        self.checks: dict = {}  # the types of a node -> the checks of the shapes that target it
        self._classes: dict = {}  # a node -> its classes and those above them (the triples do not change)

    def values(self, node, predicate):
        by_predicate = self.out.get(node)
        if by_predicate is None:
            return ()
        return by_predicate.get(predicate, ())

    def subjects(self, predicate, node) -> tuple:
        return self.into[predicate].get(node, ())

    def has_class(self, node, cls) -> bool:
        if isinstance(node, Literal):
            return False
        # Kept per node: sh:class asks it of the same nodes many times, and each lookup here compares
        # rdflib terms (a Python call each).
        classes = self._classes.get(node)
        if classes is None:
            classes = self._classes[node] = frozenset(
                above for kind in self.values(node, TYPE) for above in self.superclasses.get(kind, (kind,)))
        return cls in classes


@cache
def superclasses() -> dict:
    """Each class of the vocabulary -> itself and every class above it (``rdfs:subClassOf*``)."""
    hierarchy = vocabulary.class_hierarchy()
    above: dict = {}
    for cls in set(hierarchy.subjects()) | set(hierarchy.objects()):
        above[cls] = frozenset(hierarchy.transitive_objects(cls, RDFS.subClassOf))
    return above


def whole(value) -> int:
    """A well-formed xsd:integer's or xsd:nonNegativeInteger's value (what rdflib's xsd:integer() cast
    gives too); any other value is left to pySHACL (rdflib compares numbers of other types, and ill-typed
    ones, in ways not reproduced here)."""
    if isinstance(value, Literal) and value.datatype in WHOLE and type(value.value) is int \
            and getattr(value, "ill_typed", None) is not True:
        return value.value
    raise Unsure
