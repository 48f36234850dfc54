"""A SELECT with no LIMIT of its own runs with ``LIMIT`` row limit + 1 appended, and Oxigraph writes its
rows: the answer must be the one the row-by-row path gives, cut at the same row, flagged the same way."""
import csv
import io
import shutil
import xml.etree.ElementTree as ElementTree
from collections import Counter

import pyoxigraph as ox
import pytest

from kb.endpoint_scan import read
from tests import backends
from tests.web.sparql.conftest import get, start_server, stop_server

ON_VIRTUOSO = pytest.mark.skipif(backends.BACKEND == "virtuoso", reason="the row-by-row form of each query ends in "
                                 "VALUES ?unused { UNDEF }, which Virtuoso refuses (SQ200: no column unused)")

ROW_LIMIT = 10
SCHEMA = "PREFIX schema: <http://schema.org/>\n"
FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
           "csv": None, "tsv": ox.QueryResultsFormat.TSV}
# A trailing VALUES clause that changes no answer (one solution binding nothing the query projects) and
# keeps the worker from appending a LIMIT: the answer as the row-by-row path writes it.
ROW_BY_ROW = "\nVALUES ?unused { UNDEF }"


def _claims(n: int) -> str:
    """Exactly ``n`` rows (the shipped KB has 42 claims): a subquery's LIMIT, which bounds nothing outside."""
    return (SCHEMA + "SELECT ?claim WHERE { { SELECT ?claim WHERE { ?claim a schema:Claim } ORDER BY ?claim "
            f"LIMIT {n} }} }} ORDER BY ?claim")


QUERIES = {  # name: (text, whether it orders its rows)
    "order by": (SCHEMA + "SELECT ?claim ?text WHERE { ?claim schema:text ?text } ORDER BY DESC(?claim) ?text",
                 True),
    "no order": (SCHEMA + "SELECT ?claim ?text WHERE { ?claim schema:text ?text }", False),
    "group by, ordered": ("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p", True),
    "group by": ("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p", False),
    "group by, few groups": ("SELECT ?t (COUNT(*) AS ?n) WHERE { ?s a ?t } GROUP BY ?t HAVING (COUNT(*) > 30)",
                             False),
    "trailing values": ("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s ?o "
                        "VALUES ?p { <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> }", True),
    "subquery limit over": (_claims(30), True),
    "subquery limit under": (_claims(5), True),
    "one under the row limit": (_claims(ROW_LIMIT - 1), True),
    "at the row limit": (_claims(ROW_LIMIT), True),
    "one over the row limit": (_claims(ROW_LIMIT + 1), True),
    "no rows": ("SELECT ?s WHERE { ?s <http://example.org/nothing> ?o }", True),
    "offset": (SCHEMA + "SELECT ?claim WHERE { ?claim a schema:Claim } ORDER BY ?claim OFFSET 35", True),
    "comment at the end": (SCHEMA + "SELECT ?claim WHERE { ?claim a schema:Claim } ORDER BY ?claim # LIMIT", True),
    "unbound cells": (SCHEMA + "SELECT ?claim ?nothing WHERE { ?claim a schema:Claim "
                               "OPTIONAL { ?claim <http://example.org/nothing> ?nothing } } ORDER BY ?claim", True),
}


@pytest.fixture(scope="module")
def small(shipped_dir, tmp_path_factory):
    """A server whose row limit the shipped KB's answers pass."""
    directory = tmp_path_factory.mktemp("row-limit") / "store"
    shutil.copytree(shipped_dir, directory)
    process, server = start_server(directory, "--sparql-row-limit", str(ROW_LIMIT))
    yield server
    stop_server(process)


def _rows(reply, format: str) -> list[tuple]:
    if format == "csv":  # lossy (no term types): pyoxigraph does not read it
        return [tuple(row) for row in csv.reader(io.StringIO(reply.text, newline=""))][1:]
    return [tuple(None if term is None else str(term) for term in solution)
            for solution in ox.parse_query_results(reply.body, format=FORMATS[format])]


@ON_VIRTUOSO
@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("name", QUERIES)
def test_an_answer_written_by_oxigraph_is_the_row_by_row_answer(server, small, name, format):
    text, ordered = QUERIES[name]
    whole = _rows(get(server, text, format=format), format)  # row limit 10,000: nothing is cut
    cut = get(small, text, format=format)
    row_by_row = get(small, text + ROW_BY_ROW if read(text).limit_appendable else text, format=format)
    assert cut.status == row_by_row.status == 200, cut.text
    truncated = len(whole) > ROW_LIMIT
    assert cut.headers["X-SPARQL-Truncated"] == row_by_row.headers["X-SPARQL-Truncated"] == str(truncated).lower()
    if format == "json":
        assert cut.json().get("truncated", False) is row_by_row.json().get("truncated", False) is truncated
        assert cut.json()["head"] == row_by_row.json()["head"]
    rows = _rows(cut, format)
    assert len(rows) == min(len(whole), ROW_LIMIT)
    if ordered:
        assert rows == _rows(row_by_row, format) == whole[:ROW_LIMIT]
    else:  # any rows of the answer may be the ones kept
        assert not Counter(rows) - Counter(whole)
        if not truncated:
            assert Counter(rows) == Counter(_rows(row_by_row, format))


def test_rows_of_a_query_without_a_limit_are_not_written_in_python(small):
    reply = get(small, QUERIES["order by"][0], format="json")
    assert reply.json()["truncated"] is True
    assert "write-cpu;dur=0.00" in reply.headers["Server-Timing"].split(", ")


@pytest.mark.parametrize("limit", ["", " LIMIT 1"])  # rows counted by the worker; the query's own LIMIT
def test_a_carriage_return_in_a_value_survives_oxigraphs_xml(small, limit):
    """Oxigraph writes a CR raw, and XML parsers read a raw CR as LF."""
    reply = get(small, 'SELECT ?v WHERE { BIND("a\\rb\\r\\nc" AS ?v) }' + limit, format="xml")
    literal = ElementTree.fromstring(reply.body).find(".//{http://www.w3.org/2005/sparql-results#}literal")
    assert literal.text == "a\rb\r\nc"


@pytest.mark.parametrize("query, appendable", [
    ("SELECT * { ?s ?p ?o }", True),
    ("SELECT * { ?s ?p ?o } ORDER BY ?s # LIMIT 3", True),
    ("SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(*) > 1) ORDER BY ?n OFFSET 2", True),
    ("SELECT * { { SELECT * { ?s ?p ?o } LIMIT 5 } VALUES ?s { <http://example.org/a> } }", True),
    ("SELECT * { ?s ?p ?o } LIMIT 10", False),
    ("SELECT * { ?s ?p ?o } VALUES ?s { <http://example.org/a> }", False),
    ("SELECT * { ?s ?p ?o } values ?s { <http://example.org/a> }", False),
    ("ASK { ?s ?p ?o }", False),
    ("CONSTRUCT WHERE { ?s ?p ?o }", False),  # a LIMIT bounds its solutions, not its triples
    ("DESCRIBE <http://example.org/a>", False),
    ("SELECT * { ?s ?p ?o } \\u0056ALUES ?s { <http://example.org/a> }", False),  # an escape spells VALUES
    ("SELECT * { ?s ?p ?o ", False),
])
def test_a_limit_is_appended_only_where_it_bounds_the_answer_and_nothing_else(query, appendable):
    assert read(query).limit_appendable is appendable
