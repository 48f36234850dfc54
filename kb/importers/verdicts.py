"""From a fact-checker's rating to a verdict of ``ckb:VerdictScheme``, and a rating's triples.

The scheme is data (``kb/vocab/claimkb.ttl``), and so are its mappings: a LIAR label is the
``skos:notation`` of a concept of ``ckb:PolitiFactScheme``, and its verdict is the concept of
``ckb:VerdictScheme`` whose ``skos:exactMatch`` or ``skos:narrowMatch`` points to it (so
``pants-fire`` is ``ckb:False``, of which PolitiFact's "Pants on Fire!" is a narrower kind).

A ClaimReview's rating is read in this order (the first that gives a verdict wins):

1. ``alternateName`` equal (ignoring case, accents and punctuation) to a label (``skos:prefLabel``,
   ``skos:altLabel``) or notation of a concept of ``ckb:VerdictScheme`` or ``ckb:PolitiFactScheme``,
   in any language: "Misleading", "Trompeur", "Pants on Fire!", "barely-true";
2. ``alternateName`` in :data:`RATING_NAMES`, the usual labels of other fact-checkers;
3. ``ratingValue`` between ``worstRating`` and ``bestRating`` (default 1 and 5), put on the six-step
   scale (``ckb:scaleValue``, 1 = False ... 6 = True) by
   ``1 + round(5 * (value - worst) / (best - worst))``.

A rating that none of these maps is an unknown rating: the import stops before writing anything.
"""
import re
import unicodedata
from functools import cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kb import vocabulary
from kb.importers.common import Triples
from kb.namespaces import CKB, SCHEMA

# Other fact-checkers' usual labels (normalised: lower case, no accents, no punctuation) -> verdict.
RATING_NAMES = {
    "correct": "True", "accurate": "True", "verdadero": "True", "richtig": "True", "vero": "True",
    "mostly correct": "MostlyTrue", "largely accurate": "MostlyTrue", "mostly accurate": "MostlyTrue",
    "mixed": "Mixture", "half true": "Mixture", "partly true": "Mixture", "partially true": "Mixture",
    "partly false": "Mixture", "partially false": "Mixture", "mixture": "Mixture",
    "missing context": "Misleading", "out of context": "Misleading", "cherry picks": "Misleading",
    "exaggerated": "Misleading", "exaggerates": "Misleading", "distorts the facts": "Misleading",
    "sin contexto": "Misleading", "engañoso": "Misleading", "enganoso": "Misleading", "trompeur": "Misleading",
    "mostly false": "MostlyFalse", "largely false": "MostlyFalse", "barely true": "MostlyFalse",
    "false": "False", "incorrect": "False", "fake": "False", "wrong": "False", "inaccurate": "False",
    "pants on fire": "False", "four pinocchios": "False", "falso": "False", "faux": "False", "falsch": "False",
    "hoax": "False", "fabricated": "False",
    "unproven": "Unproven", "unverified": "Unproven", "unsupported": "Unproven", "no evidence": "Unproven",
    "not proven": "Unproven", "unsubstantiated": "Unproven", "research in progress": "Unproven",
    "opinion": "NotACheckableClaim", "not checkable": "NotACheckableClaim",
    "misquoted": "Misquoted", "misattributed": "Misquoted", "fake quote": "Misquoted",
    "wrongly attributed": "Misquoted",
}
MATCHES = (SKOS.exactMatch, SKOS.narrowMatch)


class UnknownRating(ValueError):
    pass


def normalise(label: str) -> str:
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _verdicts() -> list[URIRef]:
    terms = vocabulary.graph()
    return sorted(terms.subjects(SKOS.inScheme, CKB.VerdictScheme))


@cache
def politifact_verdicts() -> dict[str, tuple[URIRef, URIRef]]:
    """LIAR label (notation) -> (PolitiFact concept, claimkb verdict), read from the SKOS mappings."""
    terms = vocabulary.graph()
    table = {}
    for concept in terms.subjects(SKOS.inScheme, CKB.PolitiFactScheme):
        verdicts = [v for v in _verdicts() for match in MATCHES if (v, match, concept) in terms]
        if len(verdicts) != 1:
            raise RuntimeError(f"{concept} is the exact or narrower match of {len(verdicts)} verdicts, not 1")
        table[str(terms.value(concept, SKOS.notation))] = (concept, verdicts[0])
    return table


def politifact(label: str) -> tuple[URIRef, URIRef]:
    try:
        return politifact_verdicts()[label]
    except KeyError:
        known = ", ".join(sorted(politifact_verdicts()))
        raise UnknownRating(f"unknown LIAR label {label!r} (known: {known})") from None


@cache
def _by_label() -> dict[str, tuple[URIRef, URIRef]]:
    """Normalised label or notation -> (the concept that has it, its claimkb verdict); claimkb's own
    concepts first, so "True" is ckb:True, not PolitiFact's concept of the same name."""
    terms = vocabulary.graph()
    table: dict[str, tuple[URIRef, URIRef]] = {}
    for verdict in _verdicts():
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation):
            for label in terms.objects(verdict, prop):
                table.setdefault(normalise(str(label)), (verdict, verdict))
    for concept, verdict in politifact_verdicts().values():
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation):
            for label in terms.objects(concept, prop):
                table.setdefault(normalise(str(label)), (concept, verdict))
    return table


def from_rating(names: list[str], value=None, best=None, worst=None) -> tuple[URIRef | None, URIRef]:
    """(the vocabulary concept whose label was given, or None; the claimkb verdict) of a ClaimReview
    rating, by the rules of this module's docstring."""
    for name in names:
        found = _by_label().get(normalise(name))
        if found:
            return found
    for name in names:
        verdict = RATING_NAMES.get(normalise(name))
        if verdict:
            return None, CKB[verdict]
    if value is not None:
        try:
            value, best, worst = float(value), float(best if best is not None else 5), \
                float(worst if worst is not None else 1)
        except (TypeError, ValueError):
            raise UnknownRating(f"rating value {value!r} is not a number") from None
        if best > worst and worst <= value <= best:
            step = 1 + round(5 * (value - worst) / (best - worst))
            terms = vocabulary.graph()
            for verdict in _verdicts():
                scale = terms.value(verdict, CKB.scaleValue)
                if scale is not None and int(scale) == step:
                    return None, verdict
    shown = " / ".join(repr(n) for n in names) or "no alternateName"
    raise UnknownRating(f"unknown rating {shown}" + (f" with ratingValue {value!r}" if value is not None else "")
                        + "; see the mapping table in kb/importers/verdicts.py")


def labels(concept: URIRef) -> list[Literal]:
    """The labels a concept is shown with (its skos:prefLabel in every language)."""
    return sorted(vocabulary.graph().objects(concept, SKOS.prefLabel))


def rating_graph(rating: URIRef, verdict: URIRef, names: list[Literal]) -> Triples:
    """A schema:Rating: the verdict, its labels as shown, and its place on the 1-6 scale if it has one."""
    graph = Triples()
    graph.add((rating, RDF.type, SCHEMA.Rating))
    graph.add((rating, CKB.verdict, verdict))
    for name in names:
        graph.add((rating, SCHEMA.alternateName, name))
    value = vocabulary.graph().value(verdict, CKB.scaleValue)
    if value is not None:
        graph.add((rating, SCHEMA.ratingValue, Literal(int(value))))
        graph.add((rating, SCHEMA.bestRating, Literal(6)))
        graph.add((rating, SCHEMA.worstRating, Literal(1)))
    return graph
