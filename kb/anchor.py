"""Anchors: find a passage in a source's text and compute its Web Annotation selectors.

Offsets count Unicode code points of the stored text (NFC), 0-based, end exclusive, as
``oa:TextPositionSelector`` requires; prefix and suffix are the characters right around the passage,
cut at most ``CONTEXT`` characters away (shorter at the text's ends).
"""
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kb.namespaces import OA

CONTEXT = 32


class PassageNotFound(ValueError):
    """The passage is not in the text (or not that many times)."""


@dataclass(frozen=True)
class Selectors:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


def selectors_at(text: str, start: int, end: int) -> Selectors:
    """The selectors of ``text[start:end]``."""
    if not 0 <= start < end <= len(text):
        raise PassageNotFound(f"offsets {start}-{end} are outside the text (0-{len(text)})")
    return Selectors(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT):start],
        suffix=text[end:end + CONTEXT],
        start=start,
        end=end,
    )


def locate(text: str, passage: str, occurrence: int | None = None) -> Selectors:
    """The selectors of the ``occurrence``-th (1-based) appearance of ``passage`` in ``text``.

    A passage that occurs more than once must say which occurrence it means: guessing would anchor
    a claim at the wrong place.
    """
    starts = []
    at = text.find(passage)
    while at != -1:
        starts.append(at)
        at = text.find(passage, at + 1)
    if not starts:
        raise PassageNotFound(f"passage not found in the text: {passage[:60]!r}")
    if occurrence is None and len(starts) > 1:
        raise PassageNotFound(
            f"passage occurs {len(starts)} times; say which occurrence is meant: {passage[:60]!r}")
    occurrence = occurrence or 1
    if not 1 <= occurrence <= len(starts):
        raise PassageNotFound(f"passage occurs {len(starts)} times, not {occurrence}: {passage[:60]!r}")
    start = starts[occurrence - 1]
    return selectors_at(text, start, start + len(passage))


def add_anchor(g: Graph, anchor: URIRef, claim: URIRef, source: URIRef, found: Selectors):
    """The anchor of a claim: an ``oa:identifying`` annotation whose body is the claim."""
    g.add((anchor, RDF.type, OA.Annotation))
    g.add((anchor, OA.motivatedBy, OA.identifying))
    g.add((anchor, OA.hasBody, claim))
    add_target(g, anchor, source, found)


def add_target(g: Graph, annotation: URIRef, source: URIRef, found: Selectors):
    """The target of ``annotation``: the passage of ``source`` by quote and by position, both kept
    so that a reader can re-anchor it if the text is ever corrected."""
    target, quote, position = (URIRef(f"{annotation}#{part}") for part in ("target", "quote", "position"))
    g.add((annotation, OA.hasTarget, target))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, source))
    g.add((target, OA.hasSelector, quote))
    g.add((target, OA.hasSelector, position))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(found.exact)))
    g.add((quote, OA.prefix, Literal(found.prefix)))
    g.add((quote, OA.suffix, Literal(found.suffix)))
    g.add((position, RDF.type, OA.TextPositionSelector))
    # xsd:integer, not the Web Annotation model's xsd:nonNegativeInteger: Oxigraph, the default store,
    # keeps every integer type as xsd:integer, and other stores (Virtuoso) keep the type as written, so
    # only xsd:integer reads and dumps the same on every store. The shapes keep the numbers 0 or more.
    g.add((position, OA.start, Literal(found.start, datatype=XSD.integer)))
    g.add((position, OA.end, Literal(found.end, datatype=XSD.integer)))
