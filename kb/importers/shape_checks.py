"""The shapes compiled to Python checks that say whether a node conforms, for the importer's fast path.

pySHACL costs 25 ms of CPU per LIAR record in an import, almost all of it in walking its own objects
(:mod:`kb.shacl_processor` already prepares the shapes once). Here each shape of ``shapes/*.ttl``
becomes, once per process, a Python function over plain dictionaries (:class:`kb.importers.data_view.View`):
does this node conform to every shape that targets it, yes or no. It writes no report: a node that does
not conform goes to pySHACL, which writes the violations (:mod:`kb.importers.validation`), so the messages
stay pySHACL's. The checks follow pySHACL 0.40's code for each core component (here), and the SPARQL of
each of our components (:mod:`kb.importers.sparql_components`), and raise :class:`Unsure` rather than
guess where they would have to reproduce rdflib's corner cases (a number of another type than
xsd:integer, an ill-typed date, a date within a day of today, a component or parameter not compiled
here): pySHACL then decides.

``tests/kb/importers/test_shape_checks.py`` holds the answers equal to pySHACL's for every node of every
shape case (``tests/shapes/cases``, conforming and not).
"""
import re
from datetime import date, datetime, time as day_time
from decimal import Decimal
from functools import cache

from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

import shapes
from kb.importers.data_view import LANG_STRING, STRING, TYPE, Unsure, View, superclasses, whole
from kb.importers.sparql_components import COMPONENTS, ON_VALUES

# What the importer and the tests read here, wherever it is defined.
__all__ = ["Compiler", "Unsure", "View", "compiled", "conforms", "superclasses"]


# -- the core components, as pySHACL 0.40 checks them ----------------------------------------------------

_IS_VALUE = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
             XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: day_time, XSD.dateTime: datetime}


def _datatype(datatype):
    """pySHACL's sh:datatype, as a test of one value: the literal's datatype (xsd:string for a plain one,
    rdf:langString for a tagged one), well-formed as far as rdflib can tell. What depends on ``datatype``
    alone is compared once, here (an rdflib term's == is a Python call)."""
    is_string, is_lang = datatype == STRING, datatype == LANG_STRING
    is_literal, is_datatype = datatype == RDFS.Literal, datatype == RDFS.Datatype
    kind = _IS_VALUE.get(datatype)

    def test(value, view):
        if not isinstance(value, Literal):
            return False
        actual = value.datatype
        if actual is not None and actual == datatype:
            if getattr(value, "ill_typed", None) is True:
                return False
        elif not ((actual is None and value.language is None and is_string) or (is_lang and value.language)):
            return is_literal or (is_datatype and actual is not None)
        return kind is None or isinstance(value.value, kind)
    return test


_KINDS = {SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,), SH.BlankNodeOrIRI: (BNode, URIRef),
          SH.BlankNodeOrLiteral: (BNode, Literal), SH.IRIOrLiteral: (URIRef, Literal)}


def _text(value) -> str:
    """pySHACL's string of a value node (for sh:pattern and sh:minLength)."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, LANG_STRING, STRING):
        return str(value.value)
    return str(value)


def _vacuous(check):
    """Marks a check that no node fails for want of values (most of them): a property shape with no
    values runs only the others."""
    check.vacuous = True
    return check


def _every(test):
    """The check that every value passes ``test`` (value, view) -> bool, which a node shape runs on its
    node directly (:meth:`Compiler._compile`)."""
    def every(node, values, view):
        for value in values:
            if not test(value, view):
                return False
        return True
    every.test = test
    return _vacuous(every)


def _core(graph, shape, predicate, parameter, compiled):
    """The check of one parameter of ``shape``: a function (node, values, view) -> bool."""
    if predicate == SH.minCount:
        least = parameter.value
        check = lambda node, values, view: len(values) >= least  # noqa: E731
        return _vacuous(check) if least == 0 else check
    if predicate == SH.maxCount:
        most = parameter.value
        return _vacuous(lambda node, values, view: len(values) <= most)
    if predicate == SH.datatype:
        return _every(_datatype(parameter))
    if predicate == SH.nodeKind:
        kinds = _KINDS[parameter]
        return _every(lambda value, view: isinstance(value, kinds))
    if predicate == SH["class"]:
        return _every(lambda value, view: view.has_class(value, parameter))
    if predicate == SH["in"]:
        members = set(Collection(graph, parameter))
        return _every(lambda value, view: value in members)
    if predicate == SH.hasValue:
        return lambda node, values, view: parameter in values
    if predicate == SH.pattern:
        flags = graph.value(shape, SH.flags)
        if flags is not None:
            raise Unsure
        pattern = re.compile(str(parameter))
        return _every(lambda value, view: not isinstance(value, BNode) and pattern.search(_text(value)) is not None)
    if predicate == SH.minLength:
        least = parameter.value
        return _every(lambda value, view: least == 0 or (not isinstance(value, BNode) and len(_text(value)) >= least))
    if predicate == SH.minInclusive:
        least = whole(parameter)
        return _every(lambda value, view: not isinstance(value, (BNode, URIRef)) and whole(value) >= least)
    if predicate == SH.uniqueLang:
        if parameter != Literal(True):
            return _vacuous(lambda node, values, view: True)

        def unique(node, values, view):
            languages = [value.language.lower() for value in values if isinstance(value, Literal) and value.language]
            return len(languages) == len(set(languages))
        return _vacuous(unique)
    if predicate in (SH.lessThan, SH.lessThanOrEquals):
        strict = predicate == SH.lessThan

        def ordered(node, values, view):
            others = view.values(node, parameter)
            if not values or not others:
                return True
            return all(whole(v) < whole(o) if strict else whole(v) <= whole(o) for v in values for o in others)
        return _vacuous(ordered)
    if predicate in (SH["or"], SH["and"]):
        members = [compiled(member) for member in Collection(graph, parameter)]
        if predicate == SH["or"]:
            def either(value, view):
                for member in members:
                    if member(value, view):
                        return True
                return False
            return _every(either)

        def both(value, view):
            for member in members:
                if not member(value, view):
                    return False
            return True
        return _every(both)
    if predicate == SH["not"]:
        member = compiled(parameter)
        return _every(lambda value, view: not member(value, view))
    if predicate == SH.qualifiedValueShape:
        if graph.value(shape, SH.qualifiedValueShapesDisjoint) is not None:
            raise Unsure
        member = compiled(parameter)
        least, most = graph.value(shape, SH.qualifiedMinCount), graph.value(shape, SH.qualifiedMaxCount)

        def qualified(node, values, view):
            count = sum(1 for value in values if member(value, view))
            return (least is None or count >= least.value) and (most is None or count <= most.value)
        return qualified
    if predicate == SH.property:
        member = compiled(parameter)
        return _every(member)
    return None


# Parameters that a core component reads as part of another's check, or that say nothing to check.
_READ_ELSEWHERE = {SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.flags, SH.path, SH.message, SH.targetClass,
                   SH.name, SH.description, SH.order, SH.group, SH.severity, RDF.type, RDFS.comment, RDFS.label}


def _unsure(node, values, view):
    raise Unsure


class Compiler:
    """Compiles each shape once, as a function (node, view) -> bool; cycles are not expected in ours."""

    def __init__(self, graph):
        self.graph = graph
        self.done: dict = {}
        # The parameters of SPARQL-based components (ours): each is checked by COMPONENTS, or not here.
        self.custom = {graph.value(declared, SH.path) for component in graph.subjects(RDF.type, SH.ConstraintComponent)
                       for declared in graph.objects(component, SH.parameter)}

    def shape(self, shape):
        if shape not in self.done:
            self.done[shape] = self._compile(shape)
        return self.done[shape]

    def _compile(self, shape):
        graph = self.graph
        path = graph.value(shape, SH.path)
        checks = []
        for predicate, parameter in graph.predicate_objects(shape):
            if predicate in _READ_ELSEWHERE:
                continue
            if predicate in self.custom:
                checks.append(_custom(COMPONENTS.get(predicate), parameter))
                continue
            try:
                check = _core(graph, shape, predicate, parameter, self.shape)
            except Unsure:
                check = None
            if check is None and (str(predicate).startswith(str(SH)) or predicate in self.custom):
                check = _unsure
            if check is not None:
                checks.append(check)
        if path is not None and not isinstance(path, URIRef):
            checks = [_unsure]  # a path other than one predicate

        on_empty = [check for check in checks if not getattr(check, "vacuous", False)]

        if path is None:
            # The value node of a node shape is the node itself: each check's test runs on it directly,
            # and a shape of one check (an sh:or member, most often) is that test (a call less for each).
            tests = [getattr(check, "test", None) or _on_node(check) for check in checks]
            if len(tests) == 1:
                return tests[0]

            def conforms(node, view):
                for test in tests:
                    if not test(node, view):
                        return False
                return True
        else:
            def conforms(node, view):
                by_predicate = view.out.get(node)  # View.values, inlined: this runs for every property shape
                values = () if by_predicate is None else by_predicate.get(path, ())
                for check in checks if values else on_empty:
                    if not check(node, values, view):
                        return False
                return True
        return conforms


def _on_node(check):
    return lambda node, view: check(node, (node,), view)


def _custom(function, parameter):
    if function is None:
        return _unsure
    check = lambda node, values, view: function(node, values, view, parameter)  # noqa: E731
    return _vacuous(check) if function in ON_VALUES else check


@cache
def compiled() -> tuple:
    """(shape, target classes, check) for every shape of ``shapes/*.ttl`` that declares a target; a shape
    with another kind of target than sh:targetClass is not compiled (the fast path is then not taken)."""
    graph = shapes.load()
    compiler = Compiler(graph)
    targeted = []
    for shape in set(graph.subjects(SH.targetClass, None)):
        targeted.append((shape, frozenset(graph.objects(shape, SH.targetClass)), compiler.shape(shape)))
    for other in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
        if (None, other, None) in graph:
            raise RuntimeError(f"the fast path checks sh:targetClass only; the shapes use {other}")
    implicit = {s for s in graph.subjects(RDF.type, SH.NodeShape)} & \
        ({s for s in graph.subjects(RDF.type, RDFS.Class)} | {s for s in graph.subjects(RDF.type, OWL.Class)})
    if implicit:
        raise RuntimeError("the fast path does not check implicit class targets")
    return tuple(targeted)


def conforms(node, view: View) -> bool:
    """Whether ``node`` conforms to every shape whose target it is; :class:`Unsure` if not decided here."""
    kinds = view.values(node, TYPE)
    if not kinds:
        return True
    key = tuple(kinds)
    checks = view.checks.get(key)
    if checks is None:
        above = set()
        for kind in kinds:
            above |= view.superclasses.get(kind, {kind})
        checks = view.checks[key] = [check for _shape, classes, check in compiled() if classes & above]
    for check in checks:
        if not check(node, view):
            return False
    return True
