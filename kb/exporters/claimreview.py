"""``claimkb export claimreview``: the published reviews of the current view as schema.org ClaimReview
JSON-LD, the markup Google's Fact Check tools read (an array of self-contained ClaimReview objects).

Google's required properties are always there: ``claimReviewed`` (a plain string), ``url`` (the
review's page: its ``schema:url``, else its IRI, which dereferences to its page), ``author`` with its
``name``, ``reviewRating`` with ``alternateName`` (the label in the review's language). Recommended ones
follow when the KB has them: ``datePublished``, ``itemReviewed`` (a Claim with its ``author``,
``appearance``, ``firstAppearance``), ``ratingValue``/``bestRating``/``worstRating``.

So that an export imports back to the same reviews (:mod:`kb.importers.claimreview`), every node
carries its ``@id`` and every text its language: ``inLanguage`` is the language of ``claimReviewed``,
and a text in that language is a plain string, any other a JSON-LD value object
(``{"@value": "...", "@language": "en"}``).
"""
import json

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kb import sparql
from kb.namespaces import CKB, SCHEMA

TYPES = {SCHEMA.Person: "Person", SCHEMA.Organization: "Organization"}


class Writer:
    def __init__(self, graph: Graph):
        self.graph = graph

    def texts(self, node, prop, language: str | None):
        """One value (or a list): plain strings in ``language``, value objects in any other."""
        values = []
        for value in sorted(self.graph.objects(node, prop)):
            if not isinstance(value, Literal):
                continue
            if value.language == language:
                values.append(str(value))
            elif value.language:
                values.append({"@value": str(value), "@language": value.language})
            else:
                values.append({"@value": str(value)})
        return values[0] if len(values) == 1 else values or None

    def agent(self, node, language) -> dict:
        kind = next((TYPES[t] for t in self.graph.objects(node, RDF.type) if t in TYPES), "Organization")
        # A plain name stays plain on import (the shapes allow it): only tagged names are value objects.
        agent = {"@type": kind, "@id": str(node), "name": self.texts(node, SCHEMA.name, None) or str(node)}
        url = self.graph.value(node, SCHEMA.url)
        if url is not None:
            agent["url"] = str(url)
        return agent

    def work(self, node, language) -> dict:
        work = {"@type": "CreativeWork", "@id": str(node), "url": str(self.graph.value(node, SCHEMA.url) or node)}
        for prop in (SCHEMA.headline, SCHEMA.name):
            value = self.texts(node, prop, language)
            if value:
                work[prop.rsplit("/", 1)[-1]] = value
        date = self.graph.value(node, SCHEMA.datePublished)
        if date is not None:
            work["datePublished"] = str(date)
        return work

    def claim_review(self, review: URIRef) -> dict:
        g = self.graph
        claim_reviewed = sorted(g.objects(review, SCHEMA.claimReviewed))
        language = claim_reviewed[0].language if claim_reviewed else None
        rating = g.value(review, SCHEMA.reviewRating)
        names = sorted(g.objects(rating, SCHEMA.alternateName)) if rating is not None else []
        shown = next((n for n in names if n.language == language), None) or next(iter(names), None)
        item = {"@context": "https://schema.org", "@type": "ClaimReview", "@id": str(review),
                "url": str(g.value(review, SCHEMA.url) or review),
                "claimReviewed": str(claim_reviewed[0]) if claim_reviewed else ""}
        if language:
            item["inLanguage"] = language
        date = g.value(review, SCHEMA.datePublished)
        if date is not None:
            item["datePublished"] = str(date)
        author = g.value(review, SCHEMA.author)
        if author is not None:
            item["author"] = self.agent(author, language)
        body = self.texts(review, SCHEMA.reviewBody, language)
        if body:
            item["reviewBody"] = body
        citations = [self.work(c, language) for c in sorted(g.objects(review, SCHEMA.citation))]
        if citations:
            item["citation"] = citations
        if rating is not None:
            item["reviewRating"] = {"@type": "Rating", "@id": str(rating)}
            if shown is not None:
                item["reviewRating"]["alternateName"] = str(shown) if shown.language == language \
                    else {"@value": str(shown), "@language": shown.language}
            for prop in (SCHEMA.ratingValue, SCHEMA.bestRating, SCHEMA.worstRating):
                value = g.value(rating, prop)
                if value is not None:
                    item["reviewRating"][prop.rsplit("/", 1)[-1]] = int(value)
        claim = g.value(review, SCHEMA.itemReviewed)
        if claim is not None:
            reviewed = {"@type": "Claim", "@id": str(claim)}
            text = self.texts(claim, SCHEMA.text, language)
            if text:
                reviewed["text"] = text
            claimant = g.value(claim, SCHEMA.author)
            if claimant is not None:
                reviewed["author"] = self.agent(claimant, language)
            appearances = [self.work(a, language) for a in sorted(g.objects(claim, SCHEMA.appearance))]
            if appearances:
                reviewed["appearance"] = appearances[0] if len(appearances) == 1 else appearances
            first = g.value(claim, SCHEMA.firstAppearance)
            if first is not None:
                reviewed["firstAppearance"] = self.work(first, language)
            item["itemReviewed"] = reviewed
        return item


def claim_reviews(kb) -> list[dict]:
    """The published reviews of the current view, as ClaimReview objects (sorted by IRI)."""
    graph = kb.store.construct(sparql.text("export/claim-reviews"))
    writer = Writer(graph)
    reviews = sorted(r for r in graph.subjects(RDF.type, SCHEMA.ClaimReview)
                     if (r, CKB.status, CKB.Published) in graph)
    return [writer.claim_review(review) for review in reviews]


def export(kb) -> bytes:
    return (json.dumps(claim_reviews(kb), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
