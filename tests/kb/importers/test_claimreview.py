"""``claimkb import claimreview`` and ``claimkb export claimreview``: schema.org ClaimReview JSON-LD."""
import copy
import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kb.exporters import claimreview as exporter
from kb.importers import claimreview
from kb.knowledgebase import SYSTEM_AGENT
from kb.namespaces import CKB, SCHEMA
from tests.conftest import run_cli

# Google's example (developers.google.com/search/docs/appearance/structured-data/factcheck), trimmed.
GOOGLE = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://example.com/news/science/worldisflat.html",
    "claimReviewed": "The world is flat",
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "Square World Society",
                   "sameAs": "https://example.flatworlders.com/we-know-that-the-world-is-flat"},
        "datePublished": "2016-06-20",
        "appearance": {"@type": "OpinionNewsArticle", "url": "https://example.com/news/a122121",
                       "headline": "Square Earth - Flat earthers for the Internet age",
                       "datePublished": "2016-06-22"},
    },
    "author": {"@type": "Organization", "name": "Example.com science watch"},
    "datePublished": "2016-06-23",
    "reviewBody": "Satellite images and circumnavigation show that it is round.",
    "reviewRating": {"@type": "Rating", "ratingValue": "1", "bestRating": "5", "worstRating": "1",
                     "alternateName": "False"},
}


def review(**changes) -> dict:
    item = copy.deepcopy(GOOGLE)
    for key, value in changes.items():
        item[key] = value
    return item


def load(kb, document, tmp_path, **options):
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return claimreview.load(kb, str(path), SYSTEM_AGENT, progress=False, **options)


def reviews_of(kb) -> list:
    return kb.query("PREFIX schema: <http://schema.org/> SELECT ?r ?verdict ?claim WHERE { "
                    "?r a schema:ClaimReview ; schema:itemReviewed ?claim ; schema:reviewRating/"
                    "<https://w3id.org/claimkb#verdict> ?verdict . "
                    "FILTER (STRSTARTS(STR(?r), 'https://w3id.org/claimkb/review/cr-')) }").rows


def test_googles_example_becomes_a_claim_a_review_and_their_agents(empty_kb, tmp_path):
    report = load(empty_kb, GOOGLE, tmp_path)
    assert report.added == 1 and not report.skipped
    [row] = reviews_of(empty_kb)
    assert row["verdict"] == CKB["False"]
    view = empty_kb.current_view()
    claim = row["claim"]
    assert (claim, SCHEMA.text, Literal("The world is flat", lang="en")) in view
    claimant = view.value(claim, SCHEMA.author)
    assert (claimant, SCHEMA.name, Literal("Square World Society")) in view
    appearance = view.value(claim, SCHEMA.appearance)
    assert (appearance, SCHEMA.headline,
            Literal("Square Earth - Flat earthers for the Internet age", lang="en")) in view
    assert (appearance, RDF.type, SCHEMA.CreativeWork) in view
    assert (row["r"], SCHEMA.url, URIRef(GOOGLE["url"])) in view
    assert empty_kb.validate_all() == []


@pytest.mark.parametrize("document", [
    [review(), review(url="https://example.com/other")],
    {"@context": "https://schema.org", "@graph": [review(), review(url="https://example.com/other")]},
])
def test_arrays_and_graphs_and_duplicate_claims_merge(empty_kb, tmp_path, document):
    report = load(empty_kb, document, tmp_path)
    rows = reviews_of(empty_kb)
    assert report.added == 2 and len(rows) == 2
    assert len({row["claim"] for row in rows}) == 1  # same claim text and claimant: one claim


def test_the_same_review_url_twice_is_one_review(empty_kb, tmp_path):
    report = load(empty_kb, [review(), review(reviewBody="Another text for the same page.")], tmp_path)
    assert report.added == 1 and report.merged == 1
    assert len(reviews_of(empty_kb)) == 1


def test_graph_nodes_referred_to_by_id(empty_kb, tmp_path):
    item = review()
    claim = item.pop("itemReviewed")
    claim["@id"] = "_:claim"
    item["itemReviewed"] = {"@id": "_:claim"}
    load(empty_kb, {"@context": "https://schema.org", "@graph": [item, claim]}, tmp_path)
    [row] = reviews_of(empty_kb)
    assert empty_kb.current_view().value(row["claim"], SCHEMA.author) is not None


@pytest.mark.parametrize("rating, verdict", [
    ({"alternateName": "Four Pinocchios"}, "False"),
    ({"alternateName": "Pants on Fire!"}, "False"),
    ({"alternateName": "Trompeur"}, "Misleading"),
    ({"alternateName": "Missing context"}, "Misleading"),
    ({"ratingValue": 5, "bestRating": 5, "worstRating": 1}, "True"),
    ({"ratingValue": 2, "bestRating": 5, "worstRating": 1}, "MostlyFalse"),
])
def test_ratings_map_to_verdicts_by_the_documented_table(empty_kb, tmp_path, rating, verdict):
    load(empty_kb, review(reviewRating={"@type": "Rating", **rating}), tmp_path)
    [row] = reviews_of(empty_kb)
    assert row["verdict"] == CKB[verdict]


def test_a_review_missing_what_the_shapes_require_is_skipped_and_the_others_written(empty_kb, tmp_path):
    bad = review(url="https://example.com/no-appearance")
    bad["itemReviewed"] = {"@type": "Claim", "author": {"@type": "Person", "name": "Someone"}}
    report = load(empty_kb, [review(), bad], tmp_path)
    assert report.added == 1
    [skip] = report.skipped
    assert skip.where.endswith("ClaimReview #2")
    assert "A claim needs the document where it appears" in skip.reason


@pytest.mark.parametrize("content, message", [
    (b'[{"@type": "ClaimReview", "url": "x",}]', "reviews.json:1:38: not valid JSON"),
    (json.dumps(review()).replace("The world", "Le monde \u00e9").encode("latin-1"), "not UTF-8"),
    (json.dumps(review(reviewRating={"@type": "Rating", "alternateName": "Sort of"})).encode(),
     "unknown rating 'Sort of'"),
    (b'{"@type": "WebPage"}', "no ClaimReview found"),
])
def test_bad_input_exits_1_and_leaves_the_store_unchanged(data_dir, tmp_path, content, message):
    path = tmp_path / "reviews.json"
    path.write_bytes(content)
    before = run_cli("export", "--format", "nq", store=data_dir).stdout
    result = run_cli("import", "claimreview", str(path), store=data_dir)
    assert result.returncode == 1
    assert message in result.stderr and "nothing was written" in result.stderr
    assert run_cli("export", "--format", "nq", store=data_dir).stdout == before


def test_standard_input_and_idempotence(data_dir):
    document = json.dumps([review()])
    first = run_cli("import", "claimreview", "-", store=data_dir, input=document)
    assert first.returncode == 0, first.stderr
    assert "1 added, 0 already present" in first.stderr
    again = run_cli("import", "claimreview", "-", store=data_dir, input=document)
    assert "0 added, 1 already present, 0 skipped; 0 triples written" in again.stderr


# -- export ----------------------------------------------------------------------------------------------

def test_the_export_has_what_googles_fact_check_markup_requires(shipped_kb):
    items = exporter.claim_reviews(shipped_kb)
    assert len(items) == 26
    for item in items:
        assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
        assert isinstance(item["claimReviewed"], str) and item["claimReviewed"]
        assert item["url"].startswith("https://")
        assert isinstance(item["author"]["name"], str) and item["author"]["@type"] in ("Organization", "Person")
        rating = item["reviewRating"]
        assert rating["@type"] == "Rating" and isinstance(rating["alternateName"], str)
        if "ratingValue" in rating:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert item["datePublished"][:4].isdigit()
        assert item["itemReviewed"]["@type"] == "Claim" and "name" in item["itemReviewed"]["author"]
    result = json.loads(exporter.export(shipped_kb))
    assert result == items


def described(view: Graph, review) -> set:
    """A review's triples and its rating's, in a current view."""
    rating = view.value(review, SCHEMA.reviewRating)
    return set(view.triples((review, None, None))) | set(view.triples((rating, None, None)))


def test_export_then_import_into_an_empty_store_gives_the_same_reviews(shipped_kb, empty_kb, tmp_path):
    path = tmp_path / "export.json"
    path.write_bytes(exporter.export(shipped_kb))
    report = claimreview.load(empty_kb, str(path), SYSTEM_AGENT, progress=False)
    assert report.added == 26 and not report.skipped
    original, imported = shipped_kb.current_view(), empty_kb.current_view()
    reviews = sorted(original.subjects(RDF.type, SCHEMA.ClaimReview))
    assert sorted(imported.subjects(RDF.type, SCHEMA.ClaimReview)) == reviews
    for review_iri in reviews:
        assert described(imported, review_iri) == described(original, review_iri), review_iri
    assert empty_kb.validate_all() == []


def test_the_export_command_writes_json_ld(data_dir):
    result = run_cli("export", "claimreview", store=data_dir)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 26
