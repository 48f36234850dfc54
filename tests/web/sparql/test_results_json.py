"""SPARQL JSON results written in Python (answers cut at the row limit) read back as the same terms by
Oxigraph's own results parser, whatever the characters in them, and also when they say they were cut
(the parser refused a ``truncated`` member after the bindings)."""
import json

import pyoxigraph as ox
import pytest

from kb.endpoint_results import write_select

ODD = 'a "quoted" \\ back\\slash, a tab\t, a newline\n, \x01, é, \u2028 and 😀'
ROWS = [
    (ox.NamedNode("http://example.org/é?q=1#f"), ox.Literal(ODD, language="fr"),
     ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), None,
     ox.BlankNode("b1"), ox.Literal(ODD)),
    (None, None, None,
     ox.Triple(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o")),
     None, None),
]
VARIABLES = ["iri", "lang", "typed", "triple", "bnode", "plain"]


@pytest.mark.parametrize("truncated", [False, True])
def test_written_rows_read_back_as_the_same_terms(truncated):
    body = write_select(VARIABLES, ROWS, "json", truncated)
    read = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    assert [v.value for v in read.variables] == VARIABLES
    rows = [tuple(solution) for solution in read]
    assert rows[0][:3] == ROWS[0][:3]
    assert rows[0][5] == ROWS[0][5] and rows[1][3] == ROWS[1][3]
    assert isinstance(rows[0][4], ox.BlankNode)
    assert rows[0][3] is None and rows[1][0] is None
    assert json.loads(body).get("truncated", False) is truncated


def test_no_rows_is_a_valid_empty_answer():
    body = write_select(["x"], [], "json", False)
    assert json.loads(body) == {"head": {"vars": ["x"]}, "results": {"bindings": []}}
