"""Our SPARQL-based constraint components (``shapes/*.ttl``: ``ckb:`` parameters, each with its SELECT
validator), as the Python that finds what each query finds, for :mod:`kb.importers.shape_checks`.

Each is a function (node, values, view, parameter) -> bool over :class:`kb.importers.data_view.View`:
the anchor components read beyond the node, what the batch points to (a selector's target, its sibling
position selector, the text of the document), which the importer reads from the batch and the store
into the view first (:func:`kb.importers.validation.fast_check`). Where a query's answer would hang on
rdflib's corner cases (a date with a time zone, a day that does not exist, a date within a day of today,
a prefix longer than the text before it), they raise :class:`Unsure`: pySHACL then decides.
"""
import re
from datetime import date, datetime, timedelta, timezone

from rdflib import Literal, URIRef

from kb.importers.data_view import DATE, DATE_TIME, STRING, TYPE, Unsure, whole
from kb.namespaces import CKB, OA, SCHEMA

HAS_SELECTOR, HAS_SOURCE, TEXT = OA.hasSelector, OA.hasSource, SCHEMA.text
POSITION_SELECTOR, START, END = OA.TextPositionSelector, OA.start, OA.end

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
            starts = [whole(start) for start in view.values(position, START)] if with_start else [None]
            for start in starts:
                for end in view.values(position, END):
                    for text in texts:
                        yield start, whole(end), text


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
