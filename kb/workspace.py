"""What fact-checkers write, as RDF units of work: sources, claims with their anchors, links, reviews,
notes; and their versions (history, diffs).

The shapes and IRIs are those of the curated data (``kb/curation/build.py``): ``claim/<slug>`` with its
anchor ``anchor/<slug>`` (``#target``, ``#quote``, ``#position``) in the unit ``graph/claim/<slug>``;
``review/<slug>`` (``#rating``) in ``graph/review/<slug>``; ``source/<slug>``, ``agent/<slug>``; and
notes (Web Annotations that comment, question or highlight) ``note/<slug>`` with a ``#body`` TextualBody
in ``graph/note/<slug>``. An edit is a new unit ``graph/<kind>/<slug>/v<n>`` that revises the current one.

Every function here builds data or reads; writing goes through the facade (``kb.write``/``kb.commit``),
which validates against the shapes and commits the unit with its provenance as one transaction.
"""
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kb.anchor import Selectors, add_anchor, add_target, locate, selectors_at
from kb.changes import now_literal
from kb.knowledgebase import KnowledgeBase, Plan, WriteConflict
from kb.namespaces import BASE, CITO, CKB, OA, SCHEMA

RELATIONS = {"repliesTo": CITO.repliesTo, "disputes": CITO.disputes, "supports": CITO.supports,
             "contradicts": CKB.contradicts}
PRESENTATIONS = ("Assertion", "Paraphrase", "DirectQuote")
STATUSES = ("Draft", "InReview", "Published")
NOTE_MOTIVATIONS = ("commenting", "questioning", "highlighting", "tagging", "replying")
SOURCE_TYPES = ("NewsArticle", "CreativeWork")


def iri(kind: str, slug: str) -> URIRef:
    return BASE[f"{kind}/{slug}"]


def unit_name(kind: str, slug: str, version: int = 1) -> URIRef:
    return BASE[f"graph/{kind}/{slug}" + (f"/v{version}" if version > 1 else "")]


def slug_of(resource) -> str:
    return str(resource).rsplit("/", 1)[-1].split("#", 1)[0]


def slugify(text: str, limit: int = 60) -> str:
    """Readable ASCII words of ``text``: "L’accès à Sora" -> "l-acces-a-sora"."""
    spaced = re.sub(r"[’‘'ʼ]", " ", text)  # "n’a" is two words
    plain = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", plain)
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "item"


def nfc(text: str) -> str:
    """Text as stored: NFC (selectors count its code points), Unix line ends."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass
class Draft:
    """Units to write together in one transaction: the main unit, and the new agents it needs."""
    unit: URIRef
    graph: Graph
    resource: URIRef
    extra: dict = field(default_factory=dict)  # unit name -> graph (new agents)


class Workspace:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    # -- names -----------------------------------------------------------------------------------------

    def used(self, resource: URIRef) -> bool:
        return bool(self.kb.select("annotate/used", iri=resource))

    def new_slug(self, kind: str, text: str, taken=()) -> str:
        """A slug for a new ``kind`` resource that no version of anything has used."""
        base = slugify(text)
        slug, n = base, 1
        while slug in taken or self.used(iri(kind, slug)) or self.used(unit_name(kind, slug)):
            n += 1
            slug = f"{base}-{n}"
        return slug

    # -- reads -----------------------------------------------------------------------------------------

    def versions(self, resource: URIRef) -> list[dict]:
        """Every unit that describes ``resource``, oldest first (one dict per unit)."""
        seen, out = set(), []
        for row in self.kb.select("annotate/versions", iri=resource):
            if row["unit"] in seen:
                continue
            seen.add(row["unit"])
            out.append(row)
        return out

    def current_unit(self, resource: URIRef) -> URIRef | None:
        current = [v["unit"] for v in self.versions(resource) if "invalidatedAt" not in v]
        return current[-1] if current else None

    def next_unit(self, resource: URIRef, kind: str) -> URIRef:
        count = len(self.versions(resource))
        slug = slug_of(resource)
        version = count + 1
        while self.used(unit_name(kind, slug, version)):
            version += 1
        return unit_name(kind, slug, version)

    def source_text(self, source: URIRef) -> dict | None:
        rows = self.kb.select("annotate/source-text", source=source)
        return rows[0] if rows else None

    def diff(self, older: URIRef | None, newer: URIRef) -> tuple[Graph, Graph]:
        """(added, removed) triples from unit ``older`` to unit ``newer``."""
        new = self.kb.graph(newer)
        old = self.kb.graph(older) if older is not None else Graph()
        return new - old, old - new

    # -- agents ----------------------------------------------------------------------------------------

    def agent_unit(self, agent: URIRef, name: str, kind: str = "Person") -> tuple[URIRef, Graph]:
        graph = Graph()
        graph.add((agent, RDF.type, SCHEMA[kind]))
        graph.add((agent, SCHEMA.name, Literal(name)))
        return unit_name("agent", slug_of(agent)), graph

    def with_user_agent(self, draft: Draft, user) -> Draft:
        """Add the user's own agent (a schema:Person named as the user) if the KB does not have it yet."""
        if not self.used(user.agent):
            unit, graph = self.agent_unit(user.agent, user.display_name)
            draft.extra[unit] = graph
        return draft

    # -- sources ---------------------------------------------------------------------------------------

    def source(self, *, headline: str, text: str, language: str, kind: str = "NewsArticle",
               url: str = "", publisher: URIRef | None = None, date_published: str = "",
               new_publisher: str = "") -> Draft:
        slug = self.new_slug("source", headline)
        node = iri("source", slug)
        g = Graph()
        g.add((node, RDF.type, SCHEMA[kind]))
        g.add((node, SCHEMA.headline, Literal(headline, lang=language or None)))
        if language:
            g.add((node, SCHEMA.inLanguage, Literal(language)))
        draft = Draft(unit_name("source", slug), g, node)
        if new_publisher:
            publisher = iri("agent", self.new_slug("agent", new_publisher))
            unit, graph = self.agent_unit(publisher, new_publisher, "Organization")
            draft.extra[unit] = graph
        if publisher is not None:
            g.add((node, SCHEMA.publisher, publisher))
        if date_published:
            g.add((node, SCHEMA.datePublished, Literal(date_published, datatype=XSD.date)))
        if url:
            g.add((node, SCHEMA.url, URIRef(url)))
        if text:
            g.add((node, SCHEMA.text, Literal(nfc(text))))
        return draft

    # -- claims ----------------------------------------------------------------------------------------

    def selectors(self, source: URIRef, start: int | None, end: int | None, passage: str = "",
                  occurrence: int | None = None) -> Selectors:
        """The selectors of a passage of ``source``: by offsets (code points), or by its text."""
        found = self.source_text(source)
        text = str(found["text"]) if found else ""
        if start is not None and end is not None:
            return selectors_at(text, start, end)
        return locate(text, nfc(passage), occurrence)

    def claim(self, *, source: URIRef, selectors: Selectors, claimant: URIRef | None, presented_as: str,
              text: str, text_en: str = "", about=(), first_appearance: URIRef | None = None,
              relations: dict | None = None, new_claimant: str = "", new_claimant_type: str = "Organization",
              slug: str | None = None, unit: URIRef | None = None) -> Draft:
        language = str((self.source_text(source) or {}).get("language") or "fr")
        slug = slug or self.new_slug("claim", text or selectors.exact)
        node = iri("claim", slug)
        g = Graph()
        draft = Draft(unit or unit_name("claim", slug), g, node)
        if new_claimant:
            claimant = iri("agent", self.new_slug("agent", new_claimant))
            agent_unit, agent_graph = self.agent_unit(claimant, new_claimant, new_claimant_type)
            draft.extra[agent_unit] = agent_graph
        g.add((node, RDF.type, SCHEMA.Claim))
        if text:
            g.add((node, SCHEMA.text, Literal(nfc(text), lang=language)))
        if text_en and language != "en":
            g.add((node, SCHEMA.text, Literal(nfc(text_en), lang="en")))
        if claimant is not None:
            g.add((node, SCHEMA.author, claimant))
        g.add((node, SCHEMA.appearance, source))
        if first_appearance is not None:
            g.add((node, SCHEMA.firstAppearance, first_appearance))
        if presented_as:
            g.add((node, CKB.presentedAs, CKB[presented_as]))
        for resource in about:
            g.add((node, SCHEMA.about, resource))
        for name, others in (relations or {}).items():
            for other in others:
                g.add((node, RELATIONS[name], other))
        add_anchor(g, iri("anchor", slug), node, source, selectors)
        return draft

    # -- reviews ---------------------------------------------------------------------------------------

    def review(self, *, claim: URIRef, verdict: URIRef | None, bodies: dict, evidence: list, author: URIRef,
               status: str, date_published: str, labels: list, scale: int | None, title_language: str,
               slug: str | None = None, unit: URIRef | None = None) -> Draft:
        """A ClaimReview shaped as the curated ones; ``evidence`` is [(url, title)]: a URL the KB knows is
        cited as that document, another becomes a new schema:CreativeWork in the review's unit."""
        slug = slug or self.new_slug("review", slug_of(claim))
        node = iri("review", slug)
        rating = URIRef(f"{node}#rating")
        g = Graph()
        g.add((node, RDF.type, SCHEMA.ClaimReview))
        g.add((node, SCHEMA.itemReviewed, claim))
        texts = [row["text"] for row in self.kb.select("annotate/claim-choices") if row["claim"] == claim]
        native = [t for t in texts if getattr(t, "language", None) != "en"] or texts
        if native:
            g.add((node, SCHEMA.claimReviewed, native[0]))
        g.add((node, SCHEMA.author, author))
        if date_published:
            g.add((node, SCHEMA.datePublished, Literal(date_published, datatype=XSD.date)))
        g.add((node, SCHEMA.url, node))
        g.add((node, CKB.status, CKB[status]))
        for language, body in bodies.items():
            if body.strip():
                g.add((node, SCHEMA.reviewBody, Literal(nfc(body.strip()), lang=language)))
        taken: set = set()
        current = self.current_unit(node)
        # A new version replaces the current one: the documents that only it described must be described
        # again, or they would leave the view with it and the citation would point at nothing.
        previous = self.kb.graph(current) if current is not None else Graph()
        for number, (url, title) in enumerate(evidence, start=1):
            known = self.kb.select("annotate/source-by-url", url=URIRef(url)) if url else []
            if known:
                g.add((node, SCHEMA.citation, known[0]["source"]))
                for triple in previous.triples((known[0]["source"], None, None)):
                    g.add(triple)
                continue
            cited = iri("source", self.new_slug("source", title or url or f"{slug}-evidence-{number}", taken))
            taken.add(slug_of(cited))
            g.add((node, SCHEMA.citation, cited))
            g.add((cited, RDF.type, SCHEMA.CreativeWork))
            if title:
                g.add((cited, SCHEMA.headline, Literal(title, lang=title_language)))
            if url:
                g.add((cited, SCHEMA.url, URIRef(url)))
        g.add((node, SCHEMA.reviewRating, rating))
        g.add((rating, RDF.type, SCHEMA.Rating))
        if verdict is not None:
            g.add((rating, CKB.verdict, verdict))
        for label in labels:
            g.add((rating, SCHEMA.alternateName, label))
        if scale is not None:
            g.add((rating, SCHEMA.ratingValue, Literal(int(scale))))
            g.add((rating, SCHEMA.bestRating, Literal(6)))
            g.add((rating, SCHEMA.worstRating, Literal(1)))
        return Draft(unit or unit_name("review", slug), g, node)

    # -- notes -----------------------------------------------------------------------------------------

    def note(self, *, source: URIRef, selectors: Selectors, motivation: str, value: str, language: str,
             creator: URIRef, slug: str | None = None, unit: URIRef | None = None,
             body_iri: URIRef | None = None, kind: str = "note", claim: URIRef | None = None) -> Draft:
        """A Web Annotation on a passage: a note (``kind`` "note": a TextualBody) or, with ``claim``, an
        extra anchor of that claim (``kind`` "anchor", oa:identifying). A highlight without text has no
        body at all, as Web Annotation clients (Hypothesis) post them: an empty TextualBody is refused."""
        slug = slug or self.new_slug(kind, value or selectors.exact)
        node = iri(kind, slug)
        g = Graph()
        g.add((node, RDF.type, OA.Annotation))
        g.add((node, OA.motivatedBy, OA[motivation]))
        g.add((node, DCTERMS.creator, creator))
        g.add((node, DCTERMS.created, now_literal()))
        if claim is not None:
            g.add((node, OA.hasBody, claim))
        elif value or motivation != "highlighting":
            body = body_iri or URIRef(f"{node}#body")
            g.add((node, OA.hasBody, body))
            g.add((body, RDF.type, OA.TextualBody))
            g.add((body, RDF.value, Literal(nfc(value))))
            g.add((body, DCTERMS.format, Literal("text/plain")))
            if language:
                g.add((body, DCTERMS.language, Literal(language)))
        add_target(g, node, source, selectors)
        return Draft(unit or unit_name(kind, slug), g, node)

    # -- writing ---------------------------------------------------------------------------------------

    def commit(self, draft: Draft, agent: URIRef, revision_of: URIRef | None = None):
        """Validate and write the draft's units as one transaction (raises WriteRefused, nothing written;
        WriteConflict when another request took the unit's name or retired ``revision_of`` meanwhile)."""
        # Names were chosen outside the write lock: two requests may have picked the same one, and the
        # second would merge its triples into the first's unit.
        with self.kb.write_lock:
            if self.used(draft.unit):
                raise WriteConflict(f"{draft.unit} was written by someone else meanwhile; nothing was written")
            plan: Plan = self.kb.plan(draft.unit, draft.graph, agent, revision_of)
            at = plan.change.provenance.value(draft.unit, PROV.generatedAtTime)
            for unit, graph in draft.extra.items():
                if self.used(unit):  # a new agent another request has just added: it is the same name
                    continue
                plan.change.units[unit] = graph
                plan.added += graph
                plan.change.provenance.add((unit, RDF.type, PROV.Entity))
                plan.change.provenance.add((unit, PROV.wasAttributedTo, agent))
                plan.change.provenance.add((unit, PROV.generatedAtTime, at))
            return self.kb.commit(plan)


def today() -> str:
    return date.today().isoformat()
