"""The KB of the scale benchmark, generated from LIAR (``../shared/data/liar``; never copied into the
repository): its 12,836 statements, replicated with variations (copy k: ids ``liar-<id>-v<k>``, the
statement followed by "[variant k]"), plus synthetic news articles (one per 20 statements of a copy, the
statements as paragraphs) in which every fifth statement is also a claim anchored at its passage (Web
Annotation selectors, checked by the shapes' SPARQL constraints)."""
from dataclasses import replace
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kb.anchor import locate
from kb.changes import Change, now_literal
from kb.importers import common, liar
from kb.importers.common import Record, Triples, resource as iri, unit_name
from kb.knowledgebase import SYSTEM_AGENT
from kb.namespaces import CKB, OA, SCHEMA

LIAR = Path(__file__).resolve().parents[3] / "shared" / "data" / "liar"
QUADS_PER_RECORD = 56  # measured: 789,527 quads for 14,094 records (LIAR statements and anchored claims)
PER_ARTICLE = 20


def generate(rows: list, target: int) -> tuple[list[Record], common.SharedUnits]:
    """Records adding up to about ``target`` quads: LIAR copies with variations, plus anchored articles."""
    wanted = max(1, target // QUADS_PER_RECORD)
    copies = []
    k = 0
    while sum(len(c) for c in copies) < wanted:
        chosen = rows[: wanted - sum(len(c) for c in copies)]
        copies.append([row if k == 0 else replace(row, where=f"{row.where} (v{k})", id=f"{row.id}-v{k}",
                                                   statement=f"{row.statement} [variant {k}]")
                       for row in chosen])
        k += 1
    built, shared = liar.records([row for copy in copies for row in copy])
    articles = []
    for k, copy in enumerate(copies):
        with_context = [row for row in copy if row.context]
        for n in range(0, len(with_context), PER_ARTICLE):
            articles += _article(f"bench-{k}-{n // PER_ARTICLE}", with_context[n:n + PER_ARTICLE], shared)
    # Interleaved, as a real feed would be: an article's claims come after the article's first statements.
    step = max(1, len(built) // max(1, len(articles)))
    mixed = []
    for index, record in enumerate(built):
        mixed.append(record)
        if index % step == step - 1 and articles:
            mixed.append(articles.pop(0))
    return mixed + articles, shared


def _article(slug: str, rows: list, shared: common.SharedUnits) -> list[Record]:
    statements = list(dict.fromkeys(row.statement for row in rows))
    text = "\n\n".join(statements)
    article = iri("source", slug)
    graph = Triples()
    graph.add((article, RDF.type, SCHEMA.NewsArticle))
    graph.add((article, SCHEMA.headline, Literal(f"Synthetic benchmark article {slug}", lang="en")))
    graph.add((article, SCHEMA.inLanguage, Literal("en")))
    graph.add((article, SCHEMA.publisher, liar.POLITIFACT))
    graph.add((article, SCHEMA.datePublished, Literal("2017-04-23", datatype=XSD.date)))
    graph.add((article, SCHEMA.text, Literal(text)))
    shared.add(unit_name(article), graph, slug)
    records = []
    for number, row in enumerate(rows[::5]):
        if row.statement not in statements or text.count(row.statement) != 1:
            continue
        claim = iri("claim", f"{slug}-{number}")
        speaker = iri("agent", common.slug(row.speaker))
        units = Triples()
        units.add((claim, RDF.type, SCHEMA.Claim))
        units.add((claim, SCHEMA.text, Literal(row.statement, lang="en")))
        units.add((claim, SCHEMA.author, speaker))
        units.add((claim, SCHEMA.appearance, article))
        units.add((claim, CKB.presentedAs, CKB.DirectQuote))
        anchor(units, f"{slug}-{number}", claim, article, text, row.statement)
        records.append(Record(f"{slug} claim {number}", {unit_name(claim): units},
                              {unit_name(article), unit_name(speaker)}))
    return records


def anchor(graph, slug: str, claim, source, text: str, passage: str):
    found = locate(text, passage)
    node = iri("anchor", slug)
    target, quote, position = (URIRef(f"{node}#{part}") for part in ("target", "quote", "position"))
    for triple in [(node, RDF.type, OA.Annotation), (node, OA.motivatedBy, OA.identifying),
                   (node, OA.hasBody, claim), (node, OA.hasTarget, target),
                   (target, RDF.type, OA.SpecificResource), (target, OA.hasSource, source),
                   (target, OA.hasSelector, quote), (target, OA.hasSelector, position),
                   (quote, RDF.type, OA.TextQuoteSelector), (quote, OA.exact, Literal(found.exact)),
                   (quote, OA.prefix, Literal(found.prefix)), (quote, OA.suffix, Literal(found.suffix)),
                   (position, RDF.type, OA.TextPositionSelector),
                   (position, OA.start, Literal(found.start, datatype=XSD.integer)),
                   (position, OA.end, Literal(found.end, datatype=XSD.integer))]:
        graph.add(triple)


def seed_nquads(records: list[Record], shared: common.SharedUnits) -> bytes:
    """What the importer would write for ``records`` (without validating it), as N-Quads."""
    units = common._units_of(records, shared, set())
    change = Change(units=units)
    change.attribute(SYSTEM_AGENT, now_literal())
    return change.as_nquads()
