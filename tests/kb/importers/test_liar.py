"""``claimkb import liar``: the real LIAR files on a real store on disk."""
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kb.importers import liar
from kb.importers.common import InputError
from kb.knowledgebase import SYSTEM_AGENT
from kb.namespaces import BASE, CKB, SCHEMA
from tests.conftest import run_cli

COUNT = """PREFIX schema: <http://schema.org/>
SELECT (COUNT(DISTINCT ?c) AS ?claims) (COUNT(DISTINCT ?r) AS ?reviews) WHERE {
  ?c a schema:Claim . FILTER (STRSTARTS(STR(?c), "https://w3id.org/claimkb/claim/liar-"))
  OPTIONAL { ?r schema:itemReviewed ?c } }"""


def counts(kb) -> tuple[int, int]:
    row = kb.query(COUNT).rows[0]
    return int(row["claims"]), int(row["reviews"])


def test_a_sample_becomes_claims_reviews_agents_and_contexts(kb, liar_sample):
    report = liar.load(kb, liar_sample, SYSTEM_AGENT, progress=False)
    assert report.added == 60 and report.present == 0 and report.skipped == []
    assert counts(kb) == (60, 60)
    view = kb.current_view()
    # train.tsv:1: 2635.json  false  "Says the Annies List political group ..."  dwayne-bohac  "a mailer"
    claim, review = BASE["claim/liar-2635"], BASE["review/liar-2635"]
    speaker, context = BASE["agent/dwayne-bohac"], BASE["source/liar-context-a-mailer"]
    assert (claim, SCHEMA.text, Literal("Says the Annies List political group supports third-trimester "
                                        "abortions on demand.", lang="en")) in view
    assert (claim, SCHEMA.author, speaker) in view
    assert (claim, SCHEMA.appearance, context) in view
    assert (claim, SCHEMA.about, BASE["thing/abortion"]) in view
    assert (claim, CKB.presentedAs, CKB.Assertion) in view
    assert (speaker, RDF.type, SCHEMA.Person) in view
    assert (speaker, SCHEMA.name, Literal("Dwayne Bohac")) in view
    assert (speaker, SCHEMA.jobTitle, Literal("State representative", lang="en")) in view
    assert (speaker, SCHEMA.affiliation, BASE["agent/republican-party"]) in view
    assert (context, SCHEMA.headline, Literal("a mailer", lang="en")) in view
    rating = URIRef(f"{review}#rating")
    assert (review, SCHEMA.itemReviewed, claim) in view
    assert (review, SCHEMA.author, BASE["agent/politifact"]) in view
    assert (review, SCHEMA.datePublished, Literal("2017-04-23", datatype=XSD.date)) in view
    assert (review, SCHEMA.reviewBody, Literal("PolitiFact rated this statement “False”.", lang="en")) in view
    assert (rating, CKB.verdict, CKB["False"]) in view
    assert (rating, SCHEMA.alternateName, Literal("False", lang="en")) in view
    assert (rating, SCHEMA.ratingValue, Literal(1)) in view
    assert kb.validate_all() == []


@pytest.mark.parametrize("label, verdict, shown", [
    ("true", "True", "True"), ("mostly-true", "MostlyTrue", "Mostly True"), ("half-true", "Mixture", "Half True"),
    ("barely-true", "MostlyFalse", "Mostly False"), ("false", "False", "False"),
    ("pants-fire", "False", "Pants on Fire!")])
def test_each_liar_label_maps_through_the_skos_scheme(label, verdict, shown):
    from kb.importers import verdicts
    concept, found = verdicts.politifact(label)
    assert found == CKB[verdict]
    assert Literal(shown, lang="en") in verdicts.labels(concept)


def test_a_statement_without_context_appears_in_the_dataset_itself(kb, liar_sample):
    """LIAR gives no context for 129 statements; the shapes require where a claim appears, and all that
    is known is that the dataset states it (they were skipped before)."""
    fields = (liar_sample / "valid.tsv").read_text(encoding="utf-8").splitlines()[1].split("\t")
    assert fields[13] == ""
    liar.load(kb, liar_sample, SYSTEM_AGENT, progress=False)
    view, dataset = kb.current_view(), BASE["source/liar-dataset"]
    assert set(view.objects(BASE[f"claim/liar-{fields[0][:-5]}"], SCHEMA.appearance)) == {dataset}
    assert (dataset, SCHEMA.headline, Literal("LIAR: A Benchmark Dataset for Fake News Detection", lang="en")) in view
    assert (dataset, SCHEMA.url, URIRef("https://www.cs.ucsb.edu/~william/data/liar_dataset.zip")) in view
    assert set(view.subjects(SCHEMA.appearance, dataset)) == {BASE[f"claim/liar-{fields[0][:-5]}"]}


def without_statement(sample, line: int):
    """``sample``'s valid.tsv with the statement of ``line`` emptied: a claim with an empty text."""
    path = sample / "valid.tsv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[line - 1].split("\t")
    fields[2] = ""
    lines[line - 1] = "\t".join(fields)
    path.write_text("".join(lines), encoding="utf-8")
    return fields[0][:-5]


def test_a_statement_that_breaks_a_shape_is_skipped_with_its_line_and_the_shape_message(kb, liar_sample):
    statement = without_statement(liar_sample, 3)
    report = liar.load(kb, liar_sample, SYSTEM_AGENT, progress=False)
    assert report.added == 59 and len(report.skipped) == 1
    skip = report.skipped[0]
    assert skip.where == "valid.tsv:3"
    assert "A text (schema:text) cannot be empty" in skip.reason
    assert not kb.store.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": BASE[f"graph/claim/liar-{statement}"]})


def test_running_it_again_adds_nothing(kb, liar_sample):
    liar.load(kb, liar_sample, SYSTEM_AGENT, progress=False)
    before = kb.export("nq")
    again = liar.load(kb, liar_sample, SYSTEM_AGENT, progress=False)
    assert again.added == 0 and again.present == 60 and again.triples == 0
    assert kb.export("nq") == before


def test_the_command_reports_what_it_skipped_and_exits_1(data_dir, liar_sample):
    without_statement(liar_sample, 3)
    result = run_cli("import", "liar", str(liar_sample), store=data_dir)
    assert result.returncode == 1, result.stderr
    assert "59 added, 0 already present, 1 skipped" in result.stderr
    assert "skipped valid.tsv:3: " in result.stderr and "(schema:text)" in result.stderr
    again = run_cli("import", "liar", str(liar_sample), store=data_dir)
    assert "0 added, 59 already present, 1 skipped; 0 triples written" in again.stderr


@pytest.mark.parametrize("damage, message", [
    (lambda text: text.replace("\tfalse\t", "\tfalsish\t", 1), "unknown LIAR label 'falsish'"),
    (lambda text: text.replace("\t", " ", 1), "13 columns, LIAR has 14"),
    (lambda text: text.encode("utf-8") + "4242.json\tfalse\tCafé\tx\ty\t\t\tnone\t0\t0\t0\t0\t0\tz\n".encode("latin-1"),
     "not UTF-8"),
])
def test_bad_input_is_refused_whole_and_the_store_is_unchanged(data_dir, liar_sample, damage, message):
    path = liar_sample / "valid.tsv"
    damaged = damage(path.read_text(encoding="utf-8"))
    path.write_bytes(damaged if isinstance(damaged, bytes) else damaged.encode("utf-8"))
    before = run_cli("export", "--format", "nq", store=data_dir).stdout
    result = run_cli("import", "liar", str(liar_sample), store=data_dir)
    assert result.returncode == 1
    assert "valid.tsv:" in result.stderr and message in result.stderr
    assert "nothing was written" in result.stderr
    assert run_cli("export", "--format", "nq", store=data_dir).stdout == before


def test_a_folder_without_liar_files_is_an_input_error(kb, tmp_path):
    with pytest.raises(InputError, match="no LIAR file"):
        liar.load(kb, tmp_path, SYSTEM_AGENT, progress=False)


@pytest.mark.slow
def test_the_whole_dataset(kb, liar_dir):
    report = liar.load(kb, liar_dir, SYSTEM_AGENT, progress=False)
    assert report.added == 12836 and report.skipped == []
    assert counts(kb) == (report.added, report.added)
    again = liar.load(kb, liar_dir, SYSTEM_AGENT, progress=False)
    assert again.added == 0 and again.triples == 0
