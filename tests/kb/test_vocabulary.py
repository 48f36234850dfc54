"""The vocabulary file kb/vocab/claimkb.ttl against the vocabulary contract (DESIGN.md)."""
import csv
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

VOCABULARY = Path(__file__).parents[2] / "kb/vocab/claimkb.ttl"
LIAR_TRAIN = Path(__file__).parents[3] / "shared/data/liar/train.tsv"

CKB = "https://w3id.org/claimkb#"
SCHEMA = "http://schema.org/"
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def ckb(name: str) -> URIRef:
    return URIRef(CKB + name)


def schema(name: str) -> URIRef:
    return URIRef(SCHEMA + name)


VERDICTS = {ckb(name) for name in (
    "True", "MostlyTrue", "Mixture", "Misleading", "MostlyFalse", "False",
    "Unproven", "NotACheckableClaim", "Misquoted")}
SCALE = {"True": 6, "MostlyTrue": 5, "Mixture": 4, "Misleading": 3, "MostlyFalse": 2, "False": 1}
LIAR_LABELS = {"true", "mostly-true", "half-true", "barely-true", "false", "pants-fire"}
# Mapping properties that say "this concept of ours corresponds to that one".
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
LABELS = (RDFS.label, SKOS.prefLabel)
DEFINITIONS = (RDFS.comment, SKOS.definition)


@pytest.fixture(scope="module")
def g() -> Graph:
    graph = Graph()
    graph.parse(VOCABULARY, format="turtle")
    return graph


def ckb_subjects(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(CKB)}


def languages(g: Graph, subject, properties) -> set[str]:
    return {o.language for p in properties for o in g.objects(subject, p)
            if isinstance(o, Literal) and o.language and str(o).strip()}


def in_scheme(g: Graph, scheme: URIRef) -> set:
    return set(g.subjects(SKOS.inScheme, scheme))


def matched(g: Graph, concept, candidates: set) -> set:
    """The candidates that ``concept`` is mapped to (in either direction) by a SKOS mapping property."""
    found = set()
    for prop in MATCHES:
        found |= set(g.objects(concept, prop)) & candidates
        found |= set(g.subjects(prop, concept)) & candidates
    return found


def test_ontology_header(g):
    ontology = URIRef("https://w3id.org/claimkb")
    assert (ontology, RDF.type, OWL.Ontology) in g
    for prop in (URIRef("http://purl.org/dc/terms/title"), URIRef("http://purl.org/dc/terms/description")):
        assert languages(g, ontology, (prop,)) >= {"en", "fr"}, prop
    assert str(g.value(ontology, URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix"))) == "ckb"


def test_contract_terms_are_declared(g):
    """Every term that DESIGN.md names is in the file (so the label checks below are not vacuous)."""
    expected = {
        "Leak", "OpenLetter", "Statement", "Takedown", "AccessSuspension", "Release",
        "Presentation", "DirectQuote", "Paraphrase", "Assertion", "presentedAs", "contradicts",
        "ReviewStatus", "Draft", "InReview", "Published", "status", "Verdict", "verdict", "scaleValue",
        "provenance", "VerdictScheme", "ClaimsKGRatingScheme", "PolitiFactScheme",
    }
    missing = {name for name in expected if ckb(name) not in ckb_subjects(g)}
    assert not missing
    assert VERDICTS <= ckb_subjects(g)


def test_every_ckb_term_has_a_label_and_a_definition_in_english_and_french(g):
    subjects = ckb_subjects(g)
    assert len(subjects) >= 40
    problems = []
    for subject in sorted(subjects):
        if languages(g, subject, LABELS) < {"en", "fr"}:
            problems.append(f"{subject}: label in {sorted(languages(g, subject, LABELS))}")
        if languages(g, subject, DEFINITIONS) < {"en", "fr"}:
            problems.append(f"{subject}: definition in {sorted(languages(g, subject, DEFINITIONS))}")
    assert not problems, "\n".join(problems)


def test_skos_concepts_have_one_pref_label_and_a_definition_per_language(g):
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == 9 + 4 + 6
    for concept in concepts:
        for language in ("en", "fr"):
            pref = [o for o in g.objects(concept, SKOS.prefLabel) if o.language == language]
            assert len(pref) == 1, (concept, language, pref)
            assert any(o.language == language for o in g.objects(concept, SKOS.definition)), (concept, language)


def test_french_text_uses_french_typography(g):
    """Typographic apostrophes, and a non-breaking space before « : ; ! ? » and inside guillemets."""
    bad = []
    for s, p, o in g:
        if isinstance(o, Literal) and o.language == "fr":
            text = str(o)
            if "'" in text or re.search(r" [:;!?»]|« ", text):
                bad.append((s, p, text))
    assert not bad


def test_french_verdict_labels(g):
    expected = {
        "True": "Vrai", "MostlyTrue": "Plutôt vrai", "Mixture": "Mitigé", "Misleading": "Trompeur",
        "MostlyFalse": "Plutôt faux", "False": "Faux", "Unproven": "Non prouvé",
        "NotACheckableClaim": "Affirmation invérifiable", "Misquoted": "Citation déformée",
    }
    for name, label in expected.items():
        assert Literal(label, lang="fr") in set(g.objects(ckb(name), SKOS.prefLabel)), name


def test_event_classes_are_schema_events(g):
    for name in ("Leak", "OpenLetter", "Statement", "Takedown", "AccessSuspension", "Release"):
        assert (ckb(name), RDFS.subClassOf, schema("Event")) in g, name
    events = {s for s in g.subjects(RDFS.subClassOf, schema("Event"))}
    assert events == {ckb(n) for n in ("Leak", "OpenLetter", "Statement", "Takedown", "AccessSuspension", "Release")}


def test_properties_domains_and_ranges(g):
    expected = {
        "presentedAs": (schema("Claim"), ckb("Presentation")),
        "contradicts": (schema("Claim"), schema("Claim")),
        "verdict": (schema("Rating"), ckb("Verdict")),
        "status": (schema("ClaimReview"), ckb("ReviewStatus")),
        "scaleValue": (ckb("Verdict"), XSD_INTEGER),
    }
    for name, (domain, range_) in expected.items():
        assert set(g.objects(ckb(name), RDFS.domain)) == {domain}, name
        assert set(g.objects(ckb(name), RDFS.range)) == {range_}, name


def test_individuals(g):
    assert set(g.subjects(RDF.type, ckb("Presentation"))) == {ckb("DirectQuote"), ckb("Paraphrase"), ckb("Assertion")}
    assert set(g.subjects(RDF.type, ckb("ReviewStatus"))) == {ckb("Draft"), ckb("InReview"), ckb("Published")}


def test_schema_class_axioms_for_shapes(g):
    for sub, sup in (("NewsArticle", "Article"), ("Article", "CreativeWork"), ("Claim", "CreativeWork"),
                     ("ClaimReview", "Review"), ("Review", "CreativeWork")):
        assert (schema(sub), RDFS.subClassOf, schema(sup)) in g
    # Only axioms for schema.org terms: no labels that would compete with schema.org's own.
    for s in g.subjects():
        if str(s).startswith(SCHEMA):
            assert set(g.predicates(s, None)) == {RDFS.subClassOf}, s


def test_verdict_scheme_holds_exactly_the_nine_verdicts(g):
    scheme = ckb("VerdictScheme")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    assert set(g.objects(scheme, SKOS.hasTopConcept)) == VERDICTS
    assert in_scheme(g, scheme) == VERDICTS
    assert set(g.subjects(SKOS.topConceptOf, scheme)) == VERDICTS
    assert set(g.subjects(RDF.type, ckb("Verdict"))) == VERDICTS
    for verdict in VERDICTS:
        assert (verdict, RDF.type, SKOS.Concept) in g, verdict
    notations = [str(g.value(v, SKOS.notation)) for v in VERDICTS]
    assert len(set(notations)) == 9 and "None" not in notations
    assert (ckb("Verdict"), RDFS.subClassOf, SKOS.Concept) in g


def test_contradicts_is_symmetric(g):
    contradicts = ckb("contradicts")
    assert (contradicts, RDF.type, OWL.SymmetricProperty) in g
    assert (contradicts, RDF.type, OWL.ObjectProperty) in g


def test_scale_values_run_from_one_to_six_and_are_unique(g):
    values = {}
    for verdict, value in g.subject_objects(ckb("scaleValue")):
        assert isinstance(value, Literal) and value.datatype == XSD_INTEGER, (verdict, value)
        values.setdefault(verdict, []).append(int(value))
    assert all(len(v) == 1 for v in values.values()), values
    flat = {verdict: v[0] for verdict, v in values.items()}
    assert sorted(flat.values()) == [1, 2, 3, 4, 5, 6]
    assert flat == {ckb(name): value for name, value in SCALE.items()}


def test_politifact_scheme_uses_liar_labels(g):
    concepts = in_scheme(g, ckb("PolitiFactScheme"))
    assert {str(g.value(c, SKOS.notation)) for c in concepts} == LIAR_LABELS
    assert len(concepts) == 6
    assert Literal("Pants on Fire!", lang="en") in set(g.objects(ckb("politifact-pants-fire"), SKOS.prefLabel))
    assert Literal("Mostly False", lang="en") in set(g.objects(ckb("politifact-barely-true"), SKOS.prefLabel))


def liar_labels_in_train() -> set[str]:
    if not LIAR_TRAIN.exists():
        pytest.skip(f"{LIAR_TRAIN} is absent")
    with LIAR_TRAIN.open(encoding="utf-8", newline="") as f:
        labels = {row[1] for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if len(row) > 1}
    assert labels, "no labels read from LIAR"
    return labels


def test_each_liar_label_maps_to_exactly_one_verdict(g):
    labels = liar_labels_in_train()
    assert labels == LIAR_LABELS
    politifact = in_scheme(g, ckb("PolitiFactScheme"))
    for label in sorted(labels):
        concepts = [c for c in politifact if str(g.value(c, SKOS.notation)) == label]
        assert len(concepts) == 1, (label, concepts)
        verdicts = matched(g, concepts[0], VERDICTS)
        assert len(verdicts) == 1, (label, verdicts)
        # The mapping is stated on our concept, with an exact, close or narrow match.
        (verdict,) = verdicts
        assert any((verdict, p, concepts[0]) in g
                   for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.narrowMatch)), label


def test_liar_mappings_follow_the_scale(g):
    expected = {"true": "True", "mostly-true": "MostlyTrue", "half-true": "Mixture",
                "barely-true": "MostlyFalse", "false": "False", "pants-fire": "False"}
    politifact = in_scheme(g, ckb("PolitiFactScheme"))
    for concept in politifact:
        (verdict,) = matched(g, concept, VERDICTS)
        assert verdict == ckb(expected[str(g.value(concept, SKOS.notation))])


def test_each_verdict_maps_to_exactly_one_claimskg_concept(g):
    claimskg = in_scheme(g, ckb("ClaimsKGRatingScheme"))
    assert {str(g.value(c, SKOS.notation)) for c in claimskg} == {"TRUE", "FALSE", "MIXTURE", "OTHER"}
    for verdict in VERDICTS:
        assert len(matched(g, verdict, claimskg)) == 1, (verdict, matched(g, verdict, claimskg))


def test_claimskg_buckets_agree_with_claimskg_rules_for_politifact(g):
    """Our verdict's ClaimsKG rating is the one ClaimsKG gives the PolitiFact rating it matches exactly."""
    claimskg = in_scheme(g, ckb("ClaimsKGRatingScheme"))
    for verdict in VERDICTS:
        for politifact in g.objects(verdict, SKOS.exactMatch):
            if (politifact, SKOS.inScheme, ckb("PolitiFactScheme")) in g:
                assert matched(g, verdict, claimskg) == matched(g, politifact, claimskg), verdict


def test_claimskg_concepts_match_the_published_claimskg_iris(g):
    base = "http://data.gesis.org/claimskg/rating/normalized/claimskg_"
    for name in ("TRUE", "FALSE", "MIXTURE", "OTHER"):
        assert (ckb(f"claimskg-{name}"), SKOS.exactMatch, URIRef(base + name)) in g
