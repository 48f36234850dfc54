"""``claimkb import claimreview FILE|-``: schema.org ClaimReview in JSON-LD, the markup Google's Fact
Check tools read.

Input: one ClaimReview object, an array of them, or an object with ``@graph`` (nodes may refer to
each other by ``@id``). Keys may be plain (``"claimReviewed"``, with ``"@context": "https://schema.org"``),
prefixed (``"schema:claimReviewed"``) or full IRIs; the context is not fetched. Texts are strings or
JSON-LD value objects (``{"@value": ..., "@language": ...}``); a plain string takes the review's
``inLanguage``, else stays plain where the shapes allow it (``claimReviewed``, names) and takes
``--language`` (default ``en``) where they need a language (claim text, review body, labels, headlines).

Each ClaimReview becomes (IRIs under ``https://w3id.org/claimkb/`` in the input are kept, so that an
export of this KB imports back to the same reviews; others are minted from stable keys):

- a review ``review/cr-<hash of its url>`` (published), its rating ``#rating`` with the verdict of
  :mod:`.verdicts` (its table); ``ratingValue`` is the verdict's place on the KB's 1-6 scale, and the
  labels shown are the vocabulary's labels when the given ``alternateName`` is one of them;
- its claim ``claim/cr-<hash of text and claimant>`` (``itemReviewed``; text from its ``text``, else
  ``claimReviewed``), presented as an assertion of its ``author`` in its ``appearance``
  (else ``firstAppearance``);
- agents ``agent/<slug of the name>`` (review author, claimant): an agent of the same name already in
  the KB is that agent; documents ``source/cr-<hash of the url>`` (appearance, citations), typed
  ``schema:CreativeWork``, their headline the given one or "Document at <url>"@en.

Duplicates are merged: one claim per claim text and claimant, one review per review url (the first
one read; the others are counted as merged). A ClaimReview missing what the shapes require (a claimant,
an appearance, a date) is skipped with the shape's message. Malformed JSON, text that is not UTF-8 and a
rating that no rule maps stop the import before anything is written.
"""
import json
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kb.importers import verdicts
from kb.importers.common import (InputError, Record, Report, SharedUnits, Triples, digest, literal, resource, slug,
                                 unit_name)
from kb.namespaces import BASE, CKB, SCHEMA

SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")
AGENT_TYPES = {"Person": SCHEMA.Person, "Organization": SCHEMA.Organization}


def read_json(path: str, stdin=None) -> tuple[object, str]:
    """The parsed JSON of ``path`` (``-``: standard input) and the name to report it by."""
    import sys
    name = "<stdin>" if path == "-" else path
    try:
        data = (stdin or sys.stdin.buffer).read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError([f"{name}: no such file"]) from None
    except OSError as error:
        raise InputError([f"{name}: cannot read it: {error.strerror}"]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise InputError([f"{name}:{line}: not UTF-8 (byte 0x{data[error.start]:02x}); "
                          "JSON-LD is UTF-8: convert the file"]) from None
    try:
        return json.loads(text), name
    except json.JSONDecodeError as error:
        raise InputError([f"{name}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"]) from None


# -- reading JSON-LD nodes ---------------------------------------------------------------------------

def local(key: str) -> str:
    for prefix in SCHEMA_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


class Nodes:
    """The JSON-LD nodes of a document, by ``@id``, and their values read schema.org's way."""

    def __init__(self, document):
        self.by_id: dict[str, dict] = {}
        self._index(document)

    def _index(self, value):
        if isinstance(value, list):
            for item in value:
                self._index(item)
        elif isinstance(value, dict):
            if "@id" in value and len(value) > 1:
                self.by_id.setdefault(value["@id"], value)
            for item in value.values():
                self._index(item)

    def values(self, node: dict, name: str) -> list:
        found = []
        for key, value in node.items():
            if local(key) == name:
                found += value if isinstance(value, list) else [value]
        return [self.by_id.get(v["@id"], v) if isinstance(v, dict) and set(v) == {"@id"} else v for v in found]

    def one(self, node: dict, name: str):
        found = self.values(node, name)
        return found[0] if found else None

    @staticmethod
    def types(node) -> set[str]:
        if not isinstance(node, dict):
            return set()
        found = node.get("@type", [])
        return {local(t) for t in (found if isinstance(found, list) else [found]) if isinstance(t, str)}

    def string(self, node, name: str) -> str | None:
        value = self.one(node, name) if isinstance(node, dict) else None
        if isinstance(value, dict):
            value = value.get("@value", value.get("@id"))
        return None if value is None else str(value).strip()

    def texts(self, node, name: str, language: str | None) -> list[Literal]:
        """Values as literals: a value object keeps its language; a plain string takes ``language``."""
        found = []
        for value in self.values(node, name) if isinstance(node, dict) else []:
            if isinstance(value, dict) and "@value" in value:
                found.append(literal(str(value["@value"]), value.get("@language")))
            elif isinstance(value, (str, int, float)) and str(value).strip():
                found.append(literal(str(value), language))
        return [t for t in found if str(t)]


def claim_reviews(document) -> list[dict]:
    items = document.get("@graph", [document]) if isinstance(document, dict) else document
    if not isinstance(items, list):
        items = [items]
    return [item for item in items if isinstance(item, dict) and "ClaimReview" in Nodes.types(item)]


# -- building the units ---------------------------------------------------------------------------------

def _ours(node, kind: str) -> URIRef | None:
    """The node's ``@id`` if it is a claimkb IRI of that kind (an export of this KB)."""
    identifier = node.get("@id") if isinstance(node, dict) else None
    if isinstance(identifier, str) and identifier.startswith(f"{BASE}{kind}/"):
        return URIRef(identifier)
    return None


def _date(text: str | None) -> Literal | None:
    if not text:
        return None
    return Literal(text, datatype=XSD.dateTime if "T" in text else XSD.date)


class Builder:
    def __init__(self, nodes: Nodes, where: str, language: str):
        self.nodes, self.where, self.language = nodes, where, language
        self.shared = SharedUnits()
        self.claims: dict[str, URIRef] = {}
        self.reviews: set[URIRef] = set()
        self.problems: list[str] = []
        self.merged = 0

    def agent(self, node, language) -> URIRef | None:
        if node is None:
            return None
        n = self.nodes
        if isinstance(node, str):
            node = {"name": node}
        names = n.texts(node, "name", None) or n.texts(node, "alternateName", None)
        iri = _ours(node, "agent") or (resource("agent", slug(str(names[0]))) if names else None)
        if iri is None:
            return None
        if unit_name(iri) not in self.shared:
            graph = Triples()
            kind = next((AGENT_TYPES[t] for t in n.types(node) if t in AGENT_TYPES), SCHEMA.Organization)
            graph.add((iri, RDF.type, kind))
            for name in names:
                graph.add((iri, SCHEMA.name, name))
            url = n.string(node, "url")
            if url:
                graph.add((iri, SCHEMA.url, URIRef(url)))
            self.shared.add(unit_name(iri), graph, self.where)
        return iri

    def work(self, node, language) -> URIRef | None:
        if node is None:
            return None
        n = self.nodes
        if isinstance(node, str):
            node = {"url": node}
        url = n.string(node, "url")
        iri = _ours(node, "source") or (resource("source", "cr-" + digest(url)[:16]) if url else None)
        if iri is None:
            return None
        if unit_name(iri) not in self.shared:
            graph = Triples()
            graph.add((iri, RDF.type, SCHEMA.CreativeWork))
            headlines = n.texts(node, "headline", language or self.language) \
                or n.texts(node, "name", language or self.language) \
                or [Literal(f"Document at {url}", lang="en")]
            for headline in headlines[:1]:
                graph.add((iri, SCHEMA.headline, headline if headline.language else
                           Literal(str(headline), lang=self.language)))
            if url:
                graph.add((iri, SCHEMA.url, URIRef(url)))
            date = _date(n.string(node, "datePublished"))
            if date is not None:
                graph.add((iri, SCHEMA.datePublished, date))
            self.shared.add(unit_name(iri), graph, self.where)
        return iri

    def record(self, item: dict, where: str) -> Record | None:
        n = self.nodes
        language = n.string(item, "inLanguage")
        url = n.string(item, "url")
        claim_reviewed = n.texts(item, "claimReviewed", language)
        review = _ours(item, "review") or resource(
            "review", "cr-" + digest(url or json.dumps(item, sort_keys=True))[:16])
        if review in self.reviews:
            self.merged += 1
            return None
        self.reviews.add(review)
        record = Record(where)
        rating_node = n.one(item, "reviewRating")
        names = n.texts(rating_node, "alternateName", language or self.language)
        try:
            concept, verdict = verdicts.from_rating([str(x) for x in names], n.string(rating_node, "ratingValue"),
                                                    n.string(rating_node, "bestRating"),
                                                    n.string(rating_node, "worstRating"))
        except verdicts.UnknownRating as error:
            self.problems.append(f"{where}: {error}")
            return None
        # The labels shown: the vocabulary's when the given one is one of them; the verdict's when none is given.
        shown = verdicts.labels(concept) if concept is not None else names or verdicts.labels(verdict)

        item_reviewed = n.one(item, "itemReviewed")
        item_reviewed = item_reviewed if isinstance(item_reviewed, dict) else {}
        claimant = self.agent(n.one(item_reviewed, "author"), language)
        texts = n.texts(item_reviewed, "text", language or self.language) \
            or [t if t.language else Literal(str(t), lang=self.language) for t in claim_reviewed]
        claim = _ours(item_reviewed, "claim")
        if claim is None and texts:
            key = verdicts.normalise(str(texts[0])) + "\x00" + str(claimant or "")
            claim = self.claims.setdefault(key, resource("claim", "cr-" + digest(key)[:16]))
        if claim is None:
            self.problems.append(f"{where}: no claim text (claimReviewed or itemReviewed.text)")
            return None
        if unit_name(claim) not in self.shared:
            graph = Triples()
            graph.add((claim, RDF.type, SCHEMA.Claim))
            for text in texts:
                graph.add((claim, SCHEMA.text, text))
            if claimant is not None:
                graph.add((claim, SCHEMA.author, claimant))
            appearances = [self.work(a, language) for a in n.values(item_reviewed, "appearance")]
            first = self.work(n.one(item_reviewed, "firstAppearance"), language)
            for work in [w for w in appearances if w] or ([first] if first else []):
                graph.add((claim, SCHEMA.appearance, work))
            if first is not None:
                graph.add((claim, SCHEMA.firstAppearance, first))
            graph.add((claim, CKB.presentedAs, CKB.Assertion))
            self.shared.add(unit_name(claim), graph, where)
        record.needs.add(unit_name(claim))
        record.needs |= {unit_name(o) for o in self.shared.graphs[unit_name(claim)].objects()
                         if unit_name_of_shared(self.shared, o)}

        graph = Triples()
        graph.add((review, RDF.type, SCHEMA.ClaimReview))
        graph.add((review, SCHEMA.itemReviewed, claim))
        for text in claim_reviewed[:1] or texts[:1]:
            graph.add((review, SCHEMA.claimReviewed, text))
        author = self.agent(n.one(item, "author"), language)
        if author is not None:
            graph.add((review, SCHEMA.author, author))
            record.needs.add(unit_name(author))
        date = _date(n.string(item, "datePublished"))
        if date is not None:
            graph.add((review, SCHEMA.datePublished, date))
        if url:
            graph.add((review, SCHEMA.url, URIRef(url)))
        graph.add((review, CKB.status, CKB.Published))
        for body in n.texts(item, "reviewBody", language or self.language):
            graph.add((review, SCHEMA.reviewBody, body))
        for cited in n.values(item, "citation"):
            work = self.work(cited, language)
            if work is not None:
                graph.add((review, SCHEMA.citation, work))
                record.needs.add(unit_name(work))
        rating = _ours(rating_node, "review") or URIRef(f"{review}#rating")
        graph.add((review, SCHEMA.reviewRating, rating))
        graph += verdicts.rating_graph(rating, verdict, shown)
        record.units[unit_name(review)] = graph
        return record


def unit_name_of_shared(shared: SharedUnits, node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(BASE)) and unit_name(node) in shared


def records(document, where: str, language: str = "en") -> tuple[list[Record], SharedUnits, int]:
    """The records of a parsed JSON-LD document, its shared units, and how many duplicates were merged."""
    items = claim_reviews(document)
    if not items:
        raise InputError([f"{where}: no ClaimReview found (an object with \"@type\": \"ClaimReview\", "
                          "an array of them, or an object with \"@graph\")"])
    builder = Builder(Nodes(document), where, language)
    built = [builder.record(item, f"{where}: ClaimReview #{number}") for number, item in enumerate(items, start=1)]
    if builder.problems:
        raise InputError(builder.problems)
    return [r for r in built if r is not None], builder.shared, builder.merged


def load(kb, path: str, agent: URIRef, language: str = "en", stdin=None, **options) -> Report:
    from kb.importers import common
    document, where = read_json(path, stdin)
    built, shared, merged = records(document, where, language)
    report = Report(merged=merged)
    return common.run(kb, built, shared, agent, total=len(built), label="ClaimReview", report=report,
                      **options)
