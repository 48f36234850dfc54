"""What the endpoint says about itself (service description), its data (VoID, with counts) and the dumps."""
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from tests.web.sparql.conftest import CLAIMS, get, http

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
SCHEMA = Namespace("http://schema.org/")


def number(server, query: str) -> int:
    return int(get(server, query).json()["results"]["bindings"][0]["n"]["value"])


def test_the_service_description_at_the_endpoint(server):
    reply = get(server, headers={"Accept": "text/turtle"})
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=reply.text, format="turtle")
    service = graph.value(predicate=RDF.type, object=SD.Service)
    assert graph.value(service, SD.endpoint) == URIRef(server.sparql)
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    formats = set(graph.objects(service, SD.resultFormat))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    assert URIRef("http://www.w3.org/ns/formats/N-Quads") in formats
    assert (None, SD.supportedLanguage, SD.SPARQL11Update) not in graph


def test_the_service_description_in_json_ld(server):
    reply = get(server, headers={"Accept": "application/ld+json"})
    graph = Graph().parse(data=reply.text, format="json-ld")
    assert (None, RDF.type, SD.Service) in graph


def test_void_counts_the_current_view(server):
    reply = http(server.url + "/.well-known/void", headers={"Accept": "text/turtle"})
    assert reply.status == 200
    graph = Graph().parse(data=reply.text, format="turtle")
    dataset = URIRef(server.url + "/.well-known/void#claimkb")
    assert (dataset, RDF.type, VOID.Dataset) in graph
    assert graph.value(dataset, VOID.triples).toPython() == number(
        server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(server.sparql)
    assert set(graph.objects(dataset, VOID.dataDump)) == {URIRef(server.url + "/dumps/claimkb.nq"),
                                                          URIRef(server.url + "/dumps/claimkb.ttl")}
    claims = [p for p in graph.objects(dataset, VOID.classPartition) if graph.value(p, VOID["class"]) == SCHEMA.Claim]
    assert graph.value(claims[0], VOID.entities) == Literal(CLAIMS)
    history = graph.value(dataset, VOID.subset)
    assert graph.value(history, VOID.triples).toPython() == number(
        server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")


def test_the_nquads_dump_holds_every_graph(server):
    reply = http(server.url + "/dumps/claimkb.nq")
    assert reply.status == 200 and "attachment" in reply.headers["Content-Disposition"]
    dataset = Dataset().parse(data=reply.text, format="nquads")
    named = {g.identifier for g in dataset.graphs() if len(g) and g.identifier != dataset.default_graph.identifier}
    assert len(named) == number(server, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert URIRef("https://w3id.org/claimkb#provenance") in named
    assert len(dataset.default_graph) == number(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")


def test_the_turtle_dump_is_the_current_view(server):
    reply = http(server.url + "/dumps/claimkb.ttl")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=reply.text, format="turtle")
    assert len(graph) == number(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert len(set(graph.subjects(RDF.type, SCHEMA.Claim))) == CLAIMS


def test_an_unknown_dump_is_404(server):
    assert http(server.url + "/dumps/claimkb.zip").status == 404
