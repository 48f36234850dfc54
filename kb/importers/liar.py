"""``claimkb import liar DIR``: PolitiFact's statements of the LIAR dataset (Wang, ACL 2017).

LIAR's TSV files (``train.tsv``, ``valid.tsv``, ``test.tsv``; 14 tab-separated columns, no header, no
quoting; see the dataset's README) become, for each statement ``<id>.json``:

- a claim ``claim/liar-<id>`` (``schema:text`` the statement ``@en``; ``schema:author`` the speaker;
  ``schema:appearance`` the context; ``schema:about`` its subjects; ``ckb:presentedAs ckb:Assertion``:
  the speaker states it in their own voice in that context). No anchor: LIAR has no source texts.
- a review ``review/liar-<id>`` by PolitiFact (``agent/politifact``), published (``ckb:Published``),
  rated with the verdict that the SKOS mappings give for the LIAR label (:mod:`.verdicts`), shown with
  PolitiFact's own label ("Pants on Fire!"). LIAR has no review text: the body says only which
  rating PolitiFact gave, in English and French. LIAR has no dates either, and the shapes require a
  review's ``schema:datePublished``: it is the release date of LIAR v1.0, 2017-04-23, the latest day
  on which PolitiFact can have published it (the provenance of each unit names LIAR as its source).

and, once per import, shared by the statements that need them:

- the speaker ``agent/<speaker slug>``: PolitiFact's slug is the only name LIAR gives, so
  ``schema:name`` is the slug in words ("dwayne-bohac" -> "Dwayne Bohac"); ``schema:jobTitle`` ``@en`` (for an
  organization, LIAR's job title, such as "Advocacy group", is its ``schema:description``);
  the party as ``schema:affiliation`` (a party is not an employer) to ``agent/<party>``. LIAR does not
  say whether a speaker is a person: the affiliation column decides (:data:`ORGANIZATION_PARTIES` or no
  party and no job title: ``schema:Organization``, such as "chain-email"; else ``schema:Person``). When
  rows disagree about a speaker, the first non-empty value in file order (train, valid, test) wins.
- the context ``source/liar-context-<slug>``: one ``schema:CreativeWork`` per distinct context, its
  ``schema:headline`` the context as LIAR gives it ("a mailer"@en). LIAR gives no context for 129
  statements; where one appears is then only known to be the dataset itself, which states it word for
  word: ``source/liar-dataset`` (its title, URL and release date from its README). The shapes require an
  appearance, and these statements were skipped before.
- each subject ``thing/<slug>``: a ``schema:Thing`` named by the subject ("health-care" -> "health care"@en).

LIAR's state column and credit-history counts are not imported (the counts are PolitiFact's tallies
at collection time, not facts about the statement).
"""
import csv
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kb.importers.common import InputError, Record, SharedUnits, Triples, literal, resource, slug, unit_name
from kb.importers import verdicts
from kb.namespaces import CKB, SCHEMA

FILES = ("train.tsv", "valid.tsv", "test.tsv")
COLUMNS = ("id", "label", "statement", "subjects", "speaker", "job_title", "state", "party",
           "barely_true", "false", "half_true", "mostly_true", "pants_fire", "context")
DATASET = URIRef("https://www.cs.ucsb.edu/~william/data/liar_dataset.zip")
RELEASED = Literal("2017-04-23", datatype=XSD.date)
POLITIFACT = resource("agent", "politifact")
LIAR_DOCUMENT = resource("source", "liar-dataset")
PARTIES = {  # LIAR's affiliation -> the party's name
    "republican": "Republican Party", "democrat": "Democratic Party", "libertarian": "Libertarian Party",
    "green": "Green Party", "constitution-party": "Constitution Party",
    "liberal-party-canada": "Liberal Party of Canada",
    "democratic-farmer-labor": "Minnesota Democratic–Farmer–Labor Party",
}
ORGANIZATION_PARTIES = {"organization", "government-body"}
BODY = {"en": "PolitiFact rated this statement “{en}”.", "fr": "PolitiFact a jugé cette déclaration « {fr} »."}


@dataclass
class Row:
    where: str
    id: str
    label: str
    statement: str
    subjects: list[str]
    speaker: str
    job_title: str
    party: str
    context: str


def read(directory: Path, files=FILES) -> list[Row]:
    """Every row of the LIAR files in ``directory``; an :class:`InputError` lists what cannot be read."""
    directory = Path(directory)
    present = [name for name in files if (directory / name).is_file()]
    if not present:
        raise InputError([f"{directory}: no LIAR file ({', '.join(files)}) here"])
    rows, problems, seen = [], [], {}
    for name in present:
        path = directory / name
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            line = path.read_bytes()[:error.start].count(b"\n") + 1
            problems.append(f"{name}:{line}: not UTF-8 (byte 0x{path.read_bytes()[error.start]:02x}); "
                            "LIAR's files are UTF-8: convert the file")
            continue
        for number, fields in enumerate(csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE),
                                        start=1):
            where = f"{name}:{number}"
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(COLUMNS):
                problems.append(f"{where}: {len(fields)} columns, LIAR has {len(COLUMNS)}")
                continue
            item = dict(zip(COLUMNS, (f.strip() for f in fields)))
            if not item["id"].endswith(".json") or not item["id"][:-5].isdigit():
                problems.append(f"{where}: the id {item['id']!r} is not LIAR's <number>.json")
                continue
            if item["label"] not in verdicts.politifact_verdicts():
                try:
                    verdicts.politifact(item["label"])
                except verdicts.UnknownRating as error:
                    problems.append(f"{where}: {error}")
                continue
            if item["id"] in seen:
                problems.append(f"{where}: statement {item['id']} is also at {seen[item['id']]}")
                continue
            seen[item["id"]] = where
            rows.append(Row(where, item["id"][:-5], item["label"], item["statement"],
                            [s for s in item["subjects"].split(",") if s.strip()], item["speaker"],
                            item["job_title"], item["party"], item["context"]))
    if problems:
        raise InputError(problems)
    return rows


def records(rows: list[Row]) -> tuple[list[Record], SharedUnits]:
    shared = SharedUnits()
    shared.add(unit_name(POLITIFACT), _politifact(), "LIAR")
    speakers = _speakers(rows)
    built = []
    for row in rows:
        record = Record(row.where)
        speaker = resource("agent", slug(row.speaker))
        if unit_name(speaker) not in shared:
            shared.add(unit_name(speaker), _speaker(speaker, speakers[slug(row.speaker)], shared), row.where)
        record.needs.add(unit_name(speaker))
        record.needs |= speakers[slug(row.speaker)]["needs"]
        record.needs.add(unit_name(POLITIFACT))
        if row.context:
            appearance = resource("source", "liar-context-" + slug(row.context))
            shared.add(unit_name(appearance), _context(appearance, row.context), row.where)
        else:
            appearance = LIAR_DOCUMENT
            shared.add(unit_name(appearance), _dataset(), row.where)
        record.needs.add(unit_name(appearance))
        topics = []
        for subject in row.subjects:
            thing = resource("thing", slug(subject))
            shared.add(unit_name(thing), _thing(thing, subject), row.where)
            record.needs.add(unit_name(thing))
            topics.append(thing)
        claim = resource("claim", f"liar-{row.id}")
        record.units[unit_name(claim)] = _claim(claim, row, speaker, appearance, topics)
        review = resource("review", f"liar-{row.id}")
        record.units[unit_name(review)] = _review(review, claim, row)
        built.append(record)
    return built, shared


def _speakers(rows: list[Row]) -> dict[str, dict]:
    """Per speaker slug: the first non-empty job title and party in file order."""
    found: dict[str, dict] = {}
    for row in rows:
        entry = found.setdefault(slug(row.speaker), {"slug": row.speaker, "job_title": "", "party": "",
                                                     "needs": set()})
        entry["job_title"] = entry["job_title"] or row.job_title
        if not entry["party"] or entry["party"] == "none":
            entry["party"] = row.party
    return found


def _politifact() -> Triples:
    graph = Triples()
    graph.add((POLITIFACT, RDF.type, SCHEMA.Organization))
    graph.add((POLITIFACT, SCHEMA.name, Literal("PolitiFact")))
    graph.add((POLITIFACT, SCHEMA.url, URIRef("https://www.politifact.com/")))
    return graph


def _speaker(node: URIRef, entry: dict, shared: SharedUnits) -> Triples:
    graph = Triples()
    party = entry["party"]
    organization = party in ORGANIZATION_PARTIES or (party in ("", "none") and not entry["job_title"])
    graph.add((node, RDF.type, SCHEMA.Organization if organization else SCHEMA.Person))
    graph.add((node, SCHEMA.name, Literal(" ".join(w.capitalize() for w in
                                                    entry["slug"].replace("_", "-").split("-") if w))))
    if entry["job_title"]:  # "Advocacy group" describes an organization; a job title is a person's
        graph.add((node, SCHEMA.description if organization else SCHEMA.jobTitle,
                   literal(entry["job_title"], "en")))
    if party in PARTIES and not organization:
        organisation = resource("agent", slug(PARTIES[party]))
        party_graph = Triples()
        party_graph.add((organisation, RDF.type, SCHEMA.Organization))
        party_graph.add((organisation, SCHEMA.name, Literal(PARTIES[party])))
        shared.add(unit_name(organisation), party_graph, "LIAR")
        entry["needs"].add(unit_name(organisation))
        graph.add((node, SCHEMA.affiliation, organisation))
    return graph


def _context(node: URIRef, context: str) -> Triples:
    graph = Triples()
    graph.add((node, RDF.type, SCHEMA.CreativeWork))
    graph.add((node, SCHEMA.headline, literal(context, "en")))
    return graph


def _dataset() -> Triples:
    graph = Triples()
    graph.add((LIAR_DOCUMENT, RDF.type, SCHEMA.CreativeWork))
    graph.add((LIAR_DOCUMENT, SCHEMA.headline, literal("LIAR: A Benchmark Dataset for Fake News Detection", "en")))
    graph.add((LIAR_DOCUMENT, SCHEMA.url, DATASET))
    graph.add((LIAR_DOCUMENT, SCHEMA.datePublished, RELEASED))
    return graph


def _thing(node: URIRef, subject: str) -> Triples:
    graph = Triples()
    graph.add((node, RDF.type, SCHEMA.Thing))
    graph.add((node, SCHEMA.name, literal(subject.replace("-", " "), "en")))
    return graph


def _claim(claim: URIRef, row: Row, speaker: URIRef, appearance: URIRef, topics) -> Triples:
    graph = Triples()
    graph.add((claim, RDF.type, SCHEMA.Claim))
    graph.add((claim, SCHEMA.text, literal(row.statement, "en")))
    graph.add((claim, SCHEMA.author, speaker))
    graph.add((claim, SCHEMA.appearance, appearance))
    graph.add((claim, CKB.presentedAs, CKB.Assertion))
    for thing in topics:
        graph.add((claim, SCHEMA.about, thing))
    return graph


def _review(review: URIRef, claim: URIRef, row: Row) -> Triples:
    concept, verdict = verdicts.politifact(row.label)
    names = verdicts.labels(concept)
    shown = {name.language: str(name) for name in names}
    graph = Triples()
    graph.add((review, RDF.type, SCHEMA.ClaimReview))
    graph.add((review, SCHEMA.itemReviewed, claim))
    graph.add((review, SCHEMA.claimReviewed, literal(row.statement, "en")))
    graph.add((review, SCHEMA.author, POLITIFACT))
    graph.add((review, SCHEMA.datePublished, RELEASED))
    graph.add((review, CKB.status, CKB.Published))
    for language, text in BODY.items():
        graph.add((review, SCHEMA.reviewBody, Literal(text.format(**shown), lang=language)))
    rating = URIRef(f"{review}#rating")
    graph.add((review, SCHEMA.reviewRating, rating))
    graph += verdicts.rating_graph(rating, verdict, names)
    return graph


def load(kb, directory: Path, agent: URIRef, **options):
    """Import the LIAR files of ``directory`` into ``kb``; returns the report (see :func:`common.run`)."""
    from kb.importers import common
    rows = read(directory)
    built, shared = records(rows)
    return common.run(kb, built, shared, agent, total=len(built), label="LIAR",
                      derived_from=DATASET, **options)
