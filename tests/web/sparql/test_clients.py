"""The tools researchers use can query the endpoint: SPARQLWrapper and rdflib's SPARQLStore."""
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import GET, JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from tests import backends
from tests.web.sparql.conftest import CLAIMS, COUNT_CLAIMS

OPENAI = URIRef("https://w3id.org/claimkb/agent/openai")


@pytest.mark.parametrize("method, encoding", [(GET, None), (POST, None), (POST, POSTDIRECTLY)])
def test_sparqlwrapper_select(server, method, encoding):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(COUNT_CLAIMS)
    client.setMethod(method)
    if encoding:
        client.setRequestMethod(encoding)
    client.setReturnFormat(JSON)
    results = client.query().convert()
    assert int(results["results"]["bindings"][0]["n"]["value"]) == CLAIMS


def test_sparqlwrapper_select_as_xml(server):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(COUNT_CLAIMS)
    client.setReturnFormat(XML)
    document = client.query().convert()
    assert document.getElementsByTagName("literal")[0].firstChild.data == str(CLAIMS)


def test_sparqlwrapper_construct(server):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(f"CONSTRUCT WHERE {{ <{OPENAI}> ?p ?o }}")
    for return_format in (TURTLE, XML):
        client.setReturnFormat(return_format)
        result = client.query().convert()
        graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
        assert (OPENAI, URIRef("http://schema.org/name"), None) in graph


def test_sparqlwrapper_ask(server):
    client = SPARQLWrapper(server.sparql)
    client.setQuery("ASK { ?c a <http://schema.org/Claim> }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


@pytest.mark.skipif(backends.BACKEND == "virtuoso", reason="Virtuoso 7.2's syntax errors name a line, "
                    "not a line:column position, and say 'syntax error at', not 'expected'")
def test_sparqlwrapper_reports_a_malformed_query(server):
    client = SPARQLWrapper(server.sparql)
    client.setQuery("SELECT * WHERE { ?s ?p }")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="expected"):
        client.query()


def test_rdflib_sparqlstore(server):
    graph = Graph(store=SPARQLStore(server.sparql))
    rows = list(graph.query(COUNT_CLAIMS))
    assert int(rows[0][0]) == CLAIMS
    assert (OPENAI, URIRef("http://schema.org/name"), None) in graph
    constructed = graph.query(f"CONSTRUCT WHERE {{ <{OPENAI}> ?p ?o }}").graph
    assert (OPENAI, URIRef("http://schema.org/name"), None) in constructed


def test_sparqlwrapper_does_not_call_a_stopped_query_malformed(server):
    """A query cut off at the time limit is 503, which SPARQLWrapper reports as an HTTP error of the
    server, not as QueryBadFormed (its reading of 400): the researcher's query was valid."""
    from urllib.error import HTTPError
    from tests.web.sparql.test_limits import RUNAWAY
    client = SPARQLWrapper(server.sparql)
    client.setQuery(RUNAWAY)
    client.addParameter("timeout", "0.5")
    client.setReturnFormat(JSON)
    with pytest.raises(HTTPError) as stopped:
        client.query()
    assert stopped.value.code == 503
    assert "time limit" in stopped.value.read().decode()
