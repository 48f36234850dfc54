"""The shapes compiled to Python checks that say whether a node conforms, for the importer's fast path.

pySHACL costs 25 ms of CPU per LIAR record in an import, almost all of it in walking its own objects
(:mod:`kb.shacl_processor` already prepares the shapes once). Here each shape of ``shapes/*.ttl``
becomes, once per process, a Python function over plain dictionaries (:class:`View`): does this node
conform to every shape that targets it, yes or no. It writes no report: a node that does not conform
goes to pySHACL, which writes the violations (:mod:`kb.importers.validation`), so the messages stay
pySHACL's. The checks follow pySHACL 0.40's code for each core component, and the SPARQL of each of our
components (:data:`COMPONENTS`), and raise :class:`Unsure` rather than guess where they would have
to reproduce rdflib's corner cases (a number of another type than xsd:integer, an ill-typed date, a
date within a day of today, a component or parameter not compiled here): pySHACL then decides.

``tests/kb/importers/test_shape_checks.py`` holds the answers equal to pySHACL's for every node of every
shape case (``tests/shapes/cases``, conforming and not).
"""
import re
from datetime import date, datetime, time as day_time, timedelta, timezone
from decimal import Decimal
from functools import cache

from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

import shapes
from kb import vocabulary
from kb.namespaces import CKB, OA, SCHEMA


# Terms read in the checks' inner loops: an rdflib namespace makes a new term at each attribute access.
TYPE, LANG_STRING, STRING = RDF.type, RDF.langString, XSD.string
HAS_SELECTOR, HAS_SOURCE, TEXT = OA.hasSelector, OA.hasSource, SCHEMA.text
POSITION_SELECTOR, START, END = OA.TextPositionSelector, OA.start, OA.end
DATE, DATE_TIME = XSD.date, XSD.dateTime


class Unsure(Exception):
    """These checks do not decide this node: pySHACL will."""


class View:
    """What the checks read: each node's outgoing triples (``out[node][predicate]``: its objects), the
    subjects that point to a node by the predicates in ``into`` (``into[predicate][object]``), and the
    class hierarchy."""

    def __init__(self, out: dict, into: dict, superclasses: dict):
        self.out, self.into, self.superclasses = out, into, superclasses
        self.checks: dict = {}  # the types of a node -> the checks of the shapes that target it

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
        superclasses = self.superclasses
        for kind in self.values(node, TYPE):
            if cls in superclasses.get(kind, (kind,)):
                return True
        return False


@cache
def superclasses() -> dict:
    """Each class of the vocabulary -> itself and every class above it (``rdfs:subClassOf*``)."""
    hierarchy = vocabulary.class_hierarchy()
    above: dict = {}
    for cls in set(hierarchy.subjects()) | set(hierarchy.objects()):
        above[cls] = frozenset(hierarchy.transitive_objects(cls, RDFS.subClassOf))
    return above


# -- the core components, as pySHACL 0.40 checks them ----------------------------------------------------

_IS_VALUE = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
             XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: day_time, XSD.dateTime: datetime}


def _datatype_ok(value, datatype) -> bool:
    """pySHACL's sh:datatype: the literal's datatype (xsd:string for a plain one, rdf:langString for a
    tagged one), well-formed as far as rdflib can tell."""
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        if getattr(value, "ill_typed", None) is True:
            return False
    elif not ((value.datatype is None and value.language is None and datatype == STRING)
              or (datatype == LANG_STRING and value.language)):
        return datatype == RDFS.Literal or (datatype == RDFS.Datatype and value.datatype is not None)
    kind = _IS_VALUE.get(datatype)
    return kind is None or isinstance(value.value, kind)


_KINDS = {SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,), SH.BlankNodeOrIRI: (BNode, URIRef),
          SH.BlankNodeOrLiteral: (BNode, Literal), SH.IRIOrLiteral: (URIRef, Literal)}


def _text(value) -> str:
    """pySHACL's string of a value node (for sh:pattern and sh:minLength)."""
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, LANG_STRING, STRING):
        return str(value.value)
    return str(value)


WHOLE = (XSD.integer, XSD.nonNegativeInteger)


def _whole(value) -> int:
    """A well-formed xsd:integer's or xsd:nonNegativeInteger's value (what rdflib's xsd:integer() cast
    gives too); any other value is left to pySHACL (rdflib compares numbers of other types, and ill-typed
    ones, in ways not reproduced here)."""
    if isinstance(value, Literal) and value.datatype in WHOLE and type(value.value) is int \
            and getattr(value, "ill_typed", None) is not True:
        return value.value
    raise Unsure


def _vacuous(check):
    """Marks a check that no node fails for want of values (most of them): a property shape with no
    values runs only the others."""
    check.vacuous = True
    return check


def _every(test):
    def every(node, values, view):
        for value in values:
            if not test(value, view):
                return False
        return True
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
        return _every(lambda value, view: _datatype_ok(value, parameter))
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
        least = _whole(parameter)
        return _every(lambda value, view: not isinstance(value, (BNode, URIRef)) and _whole(value) >= least)
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
            return all(_whole(v) < _whole(o) if strict else _whole(v) <= _whole(o) for v in values for o in others)
        return _vacuous(ordered)
    if predicate in (SH["or"], SH["and"]):
        members = [compiled(member) for member in Collection(graph, parameter)]
        join = any if predicate == SH["or"] else all
        return _every(lambda value, view: join(member(value, view) for member in members))
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


# -- our SPARQL-based components, each as its query reads ------------------------------------------------

DAY = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(Z|[+-][0-9]{2}:[0-9]{2})?$"
INSTANT = (r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
           r"([.][0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$")
DATE_START = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
RELATIONS = (URIRef("http://purl.org/spar/cito/repliesTo"), URIRef("http://purl.org/spar/cito/disputes"),
             URIRef("http://purl.org/spar/cito/supports"), CKB.contradicts)


def _plain(value) -> str:
    """STR() of a literal; an IRI or a blank node is left to pySHACL."""
    if not isinstance(value, Literal):
        raise Unsure
    return str(value)


def _document_text(text) -> str:
    """A document's text as STRLEN and SUBSTR read it: only plain and tagged strings are decided here."""
    if not isinstance(text, Literal) or text.datatype not in (None, STRING):
        raise Unsure
    return str(text)


def _anchorings(node, view, with_start=True):
    """The rows the anchor queries join for the quote selector ``node``: (start, end, document text), for
    each target that has it as a selector, each sibling position selector and each text of its document."""
    for target in view.subjects(HAS_SELECTOR, node):
        texts = [_document_text(text) for source in view.values(target, HAS_SOURCE)
                 for text in view.values(source, TEXT)]
        for position in view.values(target, HAS_SELECTOR):
            if POSITION_SELECTOR not in view.values(position, TYPE):
                continue
            starts = [_whole(start) for start in view.values(position, START)] if with_start else [None]
            for start in starts:
                for end in view.values(position, END):
                    for text in texts:
                        yield start, _whole(end), text


def _exact_at_position(node, values, view, parameter):
    for value in values:
        exact = _plain(value)
        for s, e, text in _anchorings(node, view):
            if 0 <= s < e <= len(text) and len(exact) > 0 and exact != text[s:e]:
                return False
    return True


def _prefix_before_position(node, values, view, parameter):
    for value in values:
        prefix = _plain(value)
        for s, e, text in _anchorings(node, view):
            if 0 <= s < e <= len(text):
                if len(prefix) > s:
                    raise Unsure
                if text[s - len(prefix):s] != prefix:
                    return False
    return True


def _suffix_after_position(node, values, view, parameter):
    for value in values:
        suffix = _plain(value)
        for s, e, text in _anchorings(node, view):
            if 0 <= s < e <= len(text) and text[e:e + len(suffix)] != suffix:
                return False
    return True


def _position_within_text(node, values, view, parameter):
    return all(e <= len(text) for _, e, text in _anchorings(node, view, with_start=False))


def _not_related_to_itself(node, values, view, parameter):
    return not any(node in view.values(node, relation) for relation in RELATIONS)


def _day(value) -> date:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise Unsure from None


def _moment(value):
    """A date or a date-time that the query's filters let through, or None for one they leave out."""
    if not isinstance(value, Literal):
        return None
    if value.datatype == DATE and re.search(DAY, str(value)):
        if len(str(value)) != 10 or not isinstance(value.value, date):
            raise Unsure  # a time zone, or a day that does not exist: rdflib's comparison is not reproduced
        return value
    if value.datatype == DATE_TIME and re.search(INSTANT, str(value)):
        if not isinstance(value.value, datetime) or value.value.tzinfo is None:
            raise Unsure
        return value
    return None


def _not_before(node, values, view, parameter):
    starts = [moment for moment in map(_moment, view.values(node, parameter)) if moment is not None]
    for value in map(_moment, values):
        for start in starts if value is not None else ():
            if value.datatype == start.datatype:
                if value.value < start.value:
                    return False
            elif _day(value) < _day(start):
                return False
    return True


def _not_after_today(node, values, view, parameter):
    today = datetime.now(timezone.utc).date()
    for value in values:
        if isinstance(value, Literal) and value.datatype in (DATE, DATE_TIME) \
                and re.search(DATE_START, str(value)):
            day = _day(value)
            if abs(day - today) <= timedelta(days=1):
                raise Unsure  # the day may turn, in UTC, between this check and pySHACL's
            if day > today:
                return False
    return True


# Each of our SPARQL-based components (by its parameter) and the Python that gives what its query finds.
COMPONENTS = {
    CKB.exactAtPosition: _exact_at_position,
    CKB.prefixBeforePosition: _prefix_before_position,
    CKB.suffixAfterPosition: _suffix_after_position,
    CKB.positionWithinText: _position_within_text,
    CKB.notRelatedToItself: _not_related_to_itself,
    CKB.notBefore: _not_before,
    CKB.notAfterToday: _not_after_today,
}


# The components whose query starts from the values ($this $PATH ?value): none found without values.
ON_VALUES = {_exact_at_position, _prefix_before_position, _suffix_after_position, _not_before, _not_after_today}


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
            def conforms(node, view):
                values = (node,)
                for check in checks:
                    if not check(node, values, view):
                        return False
                return True
        else:
            def conforms(node, view):
                values = view.values(node, path)
                for check in checks if values else on_empty:
                    if not check(node, values, view):
                        return False
                return True
        return conforms


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
