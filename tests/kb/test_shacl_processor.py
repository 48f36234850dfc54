"""The prepared pySHACL run gives exactly what pyshacl.validate gives, on every shape case.

Each case of ``tests/shapes/cases`` is validated by ``pyshacl.validate`` (``kb.validation.validate``
without focus), then by :mod:`kb.shacl_processor`: for every node, and for the nodes the case's
violations concern only (the other nodes are then context).
"""
import pytest

from kb import shacl_processor, vocabulary
from kb.validation import validate, violations_in
from tests.shapes.test_shapes import CASES, applied


def keys(violations) -> set:
    return {v.key for v in violations}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name.removesuffix(".ru"))
def test_the_prepared_run_equals_pyshacl(case):
    graph = applied(case)
    expected = keys(validate(graph))
    data = graph + vocabulary.graph()
    nodes = set(data.subjects()) | set(data.objects())
    assert keys(violations_in(shacl_processor.report(data, nodes))) == expected
    concerned = {node for node in nodes if str(node) in {focus for focus, *_ in expected}}
    assert keys(validate(graph, focus_nodes=concerned)) == expected


def test_a_node_out_of_focus_is_not_reported():
    case = next(case for case in CASES if case.name.endswith(".bad.ru"))
    graph = applied(case)
    assert validate(graph) and validate(graph, focus_nodes=set()) == []
