"""The shapes against data: a conforming base dataset and, for each shape, cases that change it.

Each case in ``cases/`` is a SPARQL Update applied to a copy of ``fixtures/base.ttl``, with
``BASE <https://w3id.org/claimkb/>`` and the project's prefixes (kb.namespaces.PREFIXES), so a
case holds only its change. ``<name>.ok.ru`` must leave the data conforming; ``<name>.bad.ru`` must
give exactly the violations its header lines announce, and nothing else::

    # expect: <shape> <focus node> <English message>

where shape is a CURIE (``ckb:ClaimShape-author``) or an IRI, and focus node an IRI relative to the
base (``<claim/leak>``), a CURIE, or ``_:`` for a blank node. An ok case names the shapes it
exercises with ``# shape: <shape>`` lines; a bad case covers those it expects. A test holds every
shape to at least one case of each kind.
"""
from functools import cache
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

import shapes
from kb.namespaces import BASE, PREFIXES
from kb.validation import validate

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").glob("*.ru"))
BLANK = "_:"


@cache
def base() -> Graph:
    return Graph().parse(HERE / "fixtures" / "base.ttl", format="turtle")


def expand(term: str) -> str:
    """A term of a header line as an IRI (or ``_:``)."""
    if term == BLANK:
        return BLANK
    if term.startswith("<") and term.endswith(">"):
        return str(URIRef(term[1:-1], base=str(BASE)))
    prefix, _, local = term.partition(":")
    if prefix not in PREFIXES:
        raise ValueError(f"unknown prefix in {term!r}")
    return PREFIXES[prefix] + local


def header(case: Path) -> tuple[set[tuple[str, str, str]], set[str]]:
    """The (shape, focus, message) triples a case expects, and the shapes its ``# shape:`` lines name."""
    expected, named = set(), set()
    for line in case.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            shape, focus, message = line.removeprefix("# expect:").strip().split(" ", 2)
            expected.add((expand(shape), expand(focus), message))
        elif line.startswith("# shape:"):
            named.add(expand(line.removeprefix("# shape:").strip()))
    return expected, named


def applied(case: Path) -> Graph:
    graph = Graph()
    for triple in base():
        graph.add(triple)
    # initNs, not PREFIX lines: rdflib applies a PREFIX only to the first operation of an update, and
    # resolves the next ones with the graph's bindings, where schema: is https://schema.org/.
    graph.update(f"BASE <{BASE}>\n" + case.read_text(encoding="utf-8"), initNs=PREFIXES)
    assert set(graph) != set(base()), "the case changes nothing"
    assert not any(str(term).startswith("https://schema.org/") for term in graph.all_nodes())
    # Read back as stored data is: literals made by SPARQL Update lack rdflib's ill_typed flag, which
    # pySHACL's sh:datatype relies on ("vingt"^^xsd:nonNegativeInteger would pass).
    return Graph().parse(data=graph.serialize(format="nt"), format="nt")


def test_base_conforms():
    assert [str(v) for v in validate(base())] == []


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name.removesuffix(".ru"))
def test_case(case: Path):
    expected, named = header(case)
    graph = applied(case)
    violations = validate(graph)
    if case.name.endswith(".ok.ru"):
        assert not expected, "an ok case expects no violation"
        assert named, "an ok case names the shapes it exercises with # shape:"
        assert [str(v) for v in violations] == []
    else:
        assert case.name.endswith(".bad.ru"), "a case is <name>.ok.ru or <name>.bad.ru"
        assert expected, "a bad case announces its violations with # expect:"
        blanks = {str(node) for node in graph.all_nodes() if isinstance(node, BNode)}
        assert {(v.shape, BLANK if v.focus in blanks else v.focus, v.message_en) for v in violations} == expected
        for violation in violations:
            assert violation.message_fr and violation.message_fr != violation.message_en, violation


# ---------------------------------------------------------------------------------------------
# The shapes graph itself
# ---------------------------------------------------------------------------------------------

def constraint_holders(graph: Graph) -> set:
    """Every shape that a report can name: targeted node shapes with messages, and their property shapes."""
    top = {s for s in graph.subjects(RDF.type, SH.NodeShape) if graph.value(s, SH.targetClass) is not None}
    holders = {s for s in top if graph.value(s, SH.message) is not None}
    for shape in top:
        holders |= set(graph.objects(shape, SH.property))
    return holders


def test_every_shape_is_named():
    graph = shapes.load()
    unnamed = [s for s in set(graph.subjects(RDF.type, SH.NodeShape)) | constraint_holders(graph)
               if not isinstance(s, URIRef)]
    assert unnamed == []


def test_every_constraint_speaks_english_and_french():
    graph = shapes.load()
    for holder in constraint_holders(graph):
        languages = sorted(m.language for m in graph.objects(holder, SH.message) if isinstance(m, Literal))
        assert languages == ["en", "fr"], holder


def test_no_sparql_constraint_carries_messages():
    """Messages live on shapes: pySHACL drops the language tags of sh:sparql messages, and adds a
    validator's messages to the shape's."""
    graph = shapes.load()
    assert list(graph.subjects(SH.sparql, None)) == []
    validators = {v for p in (SH.validator, SH.nodeValidator, SH.propertyValidator) for v in graph.objects(None, p)}
    assert [v for v in validators if graph.value(v, SH.message) is not None] == []


def english(graph: Graph, holder) -> str:
    return next(str(m) for m in graph.objects(holder, SH.message) if m.language == "en")


@pytest.mark.parametrize("kind", ["ok", "bad"])
def test_every_constraint_has_cases(kind: str):
    """Each named shape has a conforming and a non-conforming case.

    A bad case covers the shapes it expects (shape and message); an ok case those it names.
    """
    graph = shapes.load()
    holders = constraint_holders(graph)
    covered = set()
    for case in CASES:
        expected, named = header(case)
        if case.name.endswith(f".{kind}.ru"):
            covered |= named
            covered |= {shape for shape, _focus, message in expected
                        if message == english(graph, URIRef(shape))}
    missing = sorted(str(h) for h in holders if str(h) not in covered)
    assert missing == [], f"shapes without a {kind} case"


def test_cases_name_existing_shapes():
    holders = {str(h) for h in constraint_holders(shapes.load())}
    named = set()
    for case in CASES:
        expected, shapes_named = header(case)
        named |= shapes_named | {shape for shape, _focus, _message in expected}
    assert sorted(named - holders) == []
