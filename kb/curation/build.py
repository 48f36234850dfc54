"""Build the RDF of a curated story from its TOML file (format: ``kb/curation/sora.toml`` shows every key).

Each curated unit (an agent, a thing, a source, an event, a claim with its anchor, a review) becomes
its own named graph ``{BASE}graph/<kind>/<slug>``, with its provenance in ``ckb:provenance``.
Anchors are computed here from the passage text (:func:`kb.anchor.locate`): offsets are never typed.
"""
import tomllib
import unicodedata
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS, XSD

from kb import vocabulary
from kb.anchor import add_anchor, locate
from kb.namespaces import BASE, CITO, CKB, PREFIXES, PROVENANCE_GRAPH, SCHEMA

RELATIONS = {"replies_to": CITO.repliesTo, "disputes": CITO.disputes, "supports": CITO.supports,
             "contradicts": CKB.contradicts}


def iri(kind: str, slug: str) -> URIRef:
    return BASE[f"{kind}/{slug}"]


def date_literal(value) -> Literal:
    """A TOML date or date-time (or their text) as xsd:date / xsd:dateTime."""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return Literal(text, datatype=XSD.dateTime if "T" in text else XSD.date)


def _dataset() -> Dataset:
    """An empty dataset that writes the KB's prefixes."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    return dataset


class Story:
    """The curated file, resolved: slugs to IRIs, source texts read."""

    def __init__(self, path: Path):
        self.folder = path.parent
        self.data = tomllib.loads(path.read_text(encoding="utf-8"))
        self.meta = self.data["meta"]
        self.dataset = _dataset()
        self.agents = {a["slug"]: iri("agent", a["slug"]) for a in self.data.get("agent", [])}
        self.things = {t["slug"]: iri("thing", t["slug"]) for t in self.data.get("thing", [])}
        self.sources = {s["slug"]: iri("source", s["slug"]) for s in self.data.get("source", [])}
        self.events = {e["slug"]: iri("event", e["slug"]) for e in self.data.get("event", [])}
        self.claims = {c["slug"]: iri("claim", c["slug"]) for c in self.data.get("claim", [])}
        self.texts = {s["slug"]: self.read_text(s["text_file"])
                      for s in self.data.get("source", []) if "text_file" in s}

    def read_text(self, name: str) -> str:
        text = (self.folder / "sources" / name).read_text(encoding="utf-8")
        if unicodedata.normalize("NFC", text) != text:
            raise ValueError(f"{name} is not in NFC: normalise it before curating")
        return text

    def ref(self, slug: str) -> URIRef:
        """Whatever a slug names: agent, thing, source, event or claim."""
        for table in (self.agents, self.things, self.sources, self.events, self.claims):
            if slug in table:
                return table[slug]
        raise KeyError(f"unknown slug {slug!r}")

    def unit(self, kind: str, slug: str) -> Graph:
        name = BASE[f"graph/{kind}/{slug}"]
        provenance = self.dataset.graph(PROVENANCE_GRAPH)
        provenance.add((name, RDF.type, PROV.Entity))
        provenance.add((name, PROV.wasAttributedTo, self.agents[self.meta["team"]]))
        provenance.add((name, PROV.generatedAtTime, date_literal(self.meta["curated_at"])))
        return self.dataset.graph(name)


def _texts(graph: Graph, subject, prop, entry: dict, key: str):
    """``key``, ``key_en`` and ``key_fr`` of an entry as a plain and language-tagged literals."""
    if key in entry:
        graph.add((subject, prop, Literal(entry[key])))
    for language in ("en", "fr"):
        if f"{key}_{language}" in entry:
            graph.add((subject, prop, Literal(entry[f"{key}_{language}"], lang=language)))


def add_agent(story: Story, agent: dict):
    g = story.unit("agent", agent["slug"])
    node = story.agents[agent["slug"]]
    g.add((node, RDF.type, SCHEMA[agent["type"]]))
    _texts(g, node, SCHEMA.name, agent, "name")
    _texts(g, node, SCHEMA.description, agent, "description")
    _texts(g, node, SCHEMA.jobTitle, agent, "job_title")
    if "works_for" in agent:
        g.add((node, SCHEMA.worksFor, story.agents[agent["works_for"]]))
    if "url" in agent:
        g.add((node, SCHEMA.url, URIRef(agent["url"])))


def add_thing(story: Story, thing: dict):
    g = story.unit("thing", thing["slug"])
    node = story.things[thing["slug"]]
    g.add((node, RDF.type, SCHEMA[thing["type"]]))
    _texts(g, node, SCHEMA.name, thing, "name")
    _texts(g, node, SCHEMA.description, thing, "description")


def add_source(story: Story, source: dict):
    g = story.unit("source", source["slug"])
    node = story.sources[source["slug"]]
    language = source.get("language")
    g.add((node, RDF.type, SCHEMA[source["type"]]))
    g.add((node, SCHEMA.headline, Literal(source["headline"], lang=language)))
    if language:
        g.add((node, SCHEMA.inLanguage, Literal(language)))
    if "publisher" in source:
        g.add((node, SCHEMA.publisher, story.agents[source["publisher"]]))
    for author in source.get("author", []):
        g.add((node, SCHEMA.author, story.agents[author]))
    if "date_published" in source:
        g.add((node, SCHEMA.datePublished, date_literal(source["date_published"])))
    if "url" in source:
        g.add((node, SCHEMA.url, URIRef(source["url"])))
    if source["slug"] in story.texts:
        g.add((node, SCHEMA.text, Literal(story.texts[source["slug"]])))
    for about in source.get("about", []):
        g.add((node, SCHEMA.about, story.ref(about)))


def add_event(story: Story, event: dict):
    g = story.unit("event", event["slug"])
    node = story.events[event["slug"]]
    # "Event" is schema:Event itself; the other types are the ckb: subclasses of it.
    g.add((node, RDF.type, SCHEMA.Event if event["type"] == "Event" else CKB[event["type"]]))
    _texts(g, node, SCHEMA.name, event, "name")
    _texts(g, node, SCHEMA.description, event, "description")
    g.add((node, SCHEMA.startDate, date_literal(event["start"])))
    if "end" in event:
        g.add((node, SCHEMA.endDate, date_literal(event["end"])))
    for organizer in event.get("organizer", []):
        g.add((node, SCHEMA.organizer, story.agents[organizer]))
    for about in event.get("about", []):
        g.add((node, SCHEMA.about, story.ref(about)))
    for citation in event.get("citations", []):
        g.add((node, SCHEMA.citation, story.sources[citation]))


def claim_text(story: Story, claim: dict) -> Literal:
    """The claim in its source's language: ``text_<lang>`` if given, else the anchored passage."""
    source = next(s for s in story.data["source"] if s["slug"] == claim["source"])
    language = source.get("language", "fr")
    return Literal(claim.get(f"text_{language}", claim["exact"]), lang=language)


def add_claim(story: Story, claim: dict):
    slug = claim["slug"]
    g = story.unit("claim", slug)
    node = story.claims[slug]
    source = story.sources[claim["source"]]
    text = claim_text(story, claim)
    g.add((node, RDF.type, SCHEMA.Claim))
    g.add((node, SCHEMA.text, text))
    for language in ("en", "fr"):
        if f"text_{language}" in claim and language != text.language:
            g.add((node, SCHEMA.text, Literal(claim[f"text_{language}"], lang=language)))
    g.add((node, SCHEMA.author, story.agents[claim["claimant"]]))
    g.add((node, SCHEMA.appearance, source))
    if "first_appearance" in claim:
        g.add((node, SCHEMA.firstAppearance, story.sources[claim["first_appearance"]]))
    g.add((node, CKB.presentedAs, CKB[claim["presented_as"]]))
    for about in claim.get("about", []):
        g.add((node, SCHEMA.about, story.ref(about)))
    for key, prop in RELATIONS.items():
        for other in claim.get(key, []):
            g.add((node, prop, story.claims[other]))
    found = locate(story.texts[claim["source"]], claim["exact"], claim.get("occurrence"))
    add_anchor(g, iri("anchor", slug), node, source, found)


def add_review(story: Story, claim: dict):
    review = claim["review"]
    slug = review.get("slug", claim["slug"])
    g = story.unit("review", slug)
    node = iri("review", slug)
    rating = URIRef(f"{node}#rating")
    verdict = CKB[review["verdict"]]
    terms = vocabulary.graph()
    if (verdict, SKOS.inScheme, CKB.VerdictScheme) not in terms:
        raise ValueError(f"claim {claim['slug']}: {review['verdict']!r} is not a verdict of ckb:VerdictScheme")
    g.add((node, RDF.type, SCHEMA.ClaimReview))
    g.add((node, SCHEMA.itemReviewed, story.claims[claim["slug"]]))
    g.add((node, SCHEMA.claimReviewed, claim_text(story, claim)))
    g.add((node, SCHEMA.author, story.agents[story.meta["team"]]))
    g.add((node, SCHEMA.datePublished, date_literal(story.meta["review_date"])))
    g.add((node, SCHEMA.url, node))
    g.add((node, CKB.status, CKB.Published))
    for language in ("fr", "en"):
        if f"body_{language}" in review:
            g.add((node, SCHEMA.reviewBody, Literal(review[f"body_{language}"].strip(), lang=language)))
    for citation in review.get("citations", []):
        g.add((node, SCHEMA.citation, story.sources[citation]))
    g.add((node, SCHEMA.reviewRating, rating))
    g.add((rating, RDF.type, SCHEMA.Rating))
    g.add((rating, CKB.verdict, verdict))
    for label in terms.objects(verdict, SKOS.prefLabel):
        g.add((rating, SCHEMA.alternateName, label))
    value = terms.value(verdict, CKB.scaleValue)
    if value is not None:
        g.add((rating, SCHEMA.ratingValue, Literal(int(value))))
        g.add((rating, SCHEMA.bestRating, Literal(6)))
        g.add((rating, SCHEMA.worstRating, Literal(1)))


def build(path: Path) -> Dataset:
    """The dataset of one curated story: a named graph per unit, plus their provenance."""
    story = Story(Path(path))
    for agent in story.data.get("agent", []):
        add_agent(story, agent)
    for thing in story.data.get("thing", []):
        add_thing(story, thing)
    for source in story.data.get("source", []):
        add_source(story, source)
    for event in story.data.get("event", []):
        add_event(story, event)
    for claim in story.data.get("claim", []):
        add_claim(story, claim)
        if "review" in claim:
            add_review(story, claim)
    return story.dataset


def trig(dataset: Dataset) -> str:
    """``dataset`` as TriG, the same text for the same quads: its named graphs in IRI order. rdflib writes
    them in the order of a set, which changes from one process to the next, so each ``make data`` rewrote
    the whole file. Each graph is written alone, then the prefixes they use go first, once."""
    prefixes, graphs = set(), []
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if not len(graph):
            continue
        alone = _dataset()
        alone.graph(graph.identifier).__iadd__(graph)
        head, _, body = alone.serialize(format="trig").partition("\n\n")
        prefixes.update(head.splitlines())
        graphs.append(body.strip())
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(graphs) + "\n"
