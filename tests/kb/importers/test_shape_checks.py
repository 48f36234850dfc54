"""The compiled shape checks of the importer's fast path say what pySHACL says, node by node, on every
shape case (``tests/shapes/cases``: for each shape, conforming and non-conforming data): a node conforms
for them exactly when ``pyshacl.validate`` reports nothing about it, or they leave it to pySHACL
(:class:`Unsure`). The ok cases must all be decided: the fast path is for data that conforms."""
import pytest
from rdflib import Literal
from rdflib.namespace import RDF, XSD

from kb import vocabulary
from kb.importers import shape_checks
from kb.importers.validation import index
from kb.namespaces import SCHEMA
from kb.validation import validate
from tests.shapes.test_shapes import CASES, applied


# Conforming cases the checks leave to pySHACL on purpose: a date of today (the day may turn in between).
LEFT_TO_PYSHACL = {"review-date-today.ok.ru", "source-date-today.ok.ru"}


def answers(graph):
    """Node -> True (conforms), False (does not) or None (left to pySHACL), for every subject."""
    data = graph + vocabulary.graph()
    view = shape_checks.View(*index(data), shape_checks.superclasses())
    found = {}
    for node in set(data.subjects()):
        try:
            found[node] = shape_checks.conforms(node, view)
        except shape_checks.Unsure:
            found[node] = None
    return found


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name.removesuffix(".ru"))
def test_the_compiled_checks_say_what_pyshacl_says(case):
    graph = applied(case)
    reported = {violation.focus for violation in validate(graph)}
    decided = {node: answer for node, answer in answers(graph).items() if answer is not None}
    assert {str(node) for node, answer in decided.items() if not answer} == \
        {str(node) for node in decided if str(node) in reported}
    if case.name.endswith(".ok.ru") and case.name not in LEFT_TO_PYSHACL:
        assert len(decided) == len(answers(graph)), "a conforming case is decided without pySHACL"


def test_a_date_near_today_is_left_to_pyshacl():
    from datetime import datetime, timezone
    from tests.shapes.test_shapes import base
    graph = base() + vocabulary.graph()
    review = next(graph.subjects(RDF.type, SCHEMA.ClaimReview))
    graph.set((review, SCHEMA.datePublished, Literal(datetime.now(timezone.utc).date().isoformat(), datatype=XSD.date)))
    view = shape_checks.View(*index(graph), shape_checks.superclasses())
    with pytest.raises(shape_checks.Unsure):
        shape_checks.conforms(review, view)

