"""What the endpoint says about itself and its data: a SPARQL 1.1 Service Description and a VoID
description of the dataset, with figures counted by ``kb/queries/sparql/void-*.rq``.

The figures are those of what researchers read (``kb.embargo``): the stripped snapshot of the embedded
store, or the public view of a remote store; no unpublished review is counted. Counting scans the view,
so on the embedded store figures are kept until the next write (the store's write generation).
"""
import threading
from contextlib import contextmanager

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kb import embargo, sparql
from kb.endpoint_results import FORMATS
from kb.namespaces import BASE, PREFIXES
from kb.store import EmbeddedStore

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
W3_FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
                  "tsv": "SPARQL_Results_TSV", "ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD",
                  "rdfxml": "RDF_XML", "trig": "TriG", "nq": "N-Quads"}
VOCABULARIES = ("schema", "oa", "prov", "cito", "skos", "dcterms", "ckb")


class Figures:
    """The VoID counts of a KB, recounted after writes."""

    def __init__(self, kb, endpoint=None):
        """``endpoint``: the :class:`kb.endpoint.Endpoint` whose snapshot is counted (embedded store)."""
        self.kb, self.endpoint, self._lock, self._cache = kb, endpoint, threading.Lock(), (None, None)

    def get(self) -> dict:
        generation = getattr(self.kb.store, "generation", None)
        with self._lock:
            if generation is None or self._cache[0] != generation:
                self._cache = (generation, self._count())
            return self._cache[1]

    def _count(self) -> dict:
        with self._public() as select:
            dataset, graphs = select("sparql/void-dataset")[0], select("sparql/void-graphs")[0]
            return {**{k: int(v) for k, v in dataset.items()}, **{k: int(v) for k, v in graphs.items()},
                    "classes": [(row["class"], int(row["entities"])) for row in select("sparql/void-classes")],
                    "property_partitions": [(row["property"], int(row["triples"]))
                                            for row in select("sparql/void-properties")]}

    @contextmanager
    def _public(self):
        """A function that runs a query of ``kb/queries`` on what researchers read."""
        store = self.kb.store
        if not hasattr(store, "backup"):  # a remote store: its public view
            params = embargo.public_figures_params(store)
            yield lambda name: store.select(sparql.text(name), params=params)
        elif self.endpoint is None:  # no endpoint, no snapshot: the store (a library user's own figures)
            yield lambda name: store.select(sparql.text(name))
        else:
            with self.endpoint.snapshot() as path:
                snapshot = EmbeddedStore.read_only(path)
                try:
                    yield lambda name: snapshot.select(sparql.text(name))
                finally:
                    del snapshot


def _bind(graph: Graph) -> Graph:
    for prefix, namespace in {**PREFIXES, "sd": str(SD), "void": str(VOID), "formats": str(W3_FORMATS)}.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def void(root: str, figures: dict) -> Graph:
    """``root``: the server's address without a trailing slash."""
    graph = _bind(Graph())
    dataset = URIRef(f"{root}/.well-known/void#claimkb")
    graph.add((URIRef(f"{root}/.well-known/void"), RDF.type, VOID.DatasetDescription))
    graph.add((URIRef(f"{root}/.well-known/void"), URIRef("http://xmlns.com/foaf/0.1/primaryTopic"), dataset))
    for p, o in [(RDF.type, VOID.Dataset), (DCTERMS.title, Literal("claimkb", lang="en")),
                 (DCTERMS.description, Literal(
                     "A fact-check knowledge base: claims anchored in news articles, reviewed, with their history. "
                     "The default graph is the current view; each unit of work is a named graph.", lang="en")),
                 (VOID.sparqlEndpoint, URIRef(f"{root}/sparql")),
                 (VOID.dataDump, URIRef(f"{root}/dumps/claimkb.nq")),
                 (VOID.dataDump, URIRef(f"{root}/dumps/claimkb.ttl")),
                 (VOID.uriSpace, Literal(str(BASE))),
                 (VOID.triples, Literal(figures["triples"], datatype=XSD.integer)),
                 (VOID.distinctSubjects, Literal(figures["subjects"], datatype=XSD.integer)),
                 (VOID.properties, Literal(figures["properties"], datatype=XSD.integer)),
                 (VOID.distinctObjects, Literal(figures["objects"], datatype=XSD.integer)),
                 (VOID.classes, Literal(len(figures["classes"]), datatype=XSD.integer))]:
        graph.add((dataset, p, o))
    for prefix in VOCABULARIES:
        graph.add((dataset, VOID.vocabulary, URIRef(PREFIXES[prefix])))
    for cls, entities in figures["classes"]:
        partition = BNode()
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], cls))
        graph.add((partition, VOID.entities, Literal(entities, datatype=XSD.integer)))
    for prop, triples in figures["property_partitions"]:
        partition = BNode()
        graph.add((dataset, VOID.propertyPartition, partition))
        graph.add((partition, VOID.property, prop))
        graph.add((partition, VOID.triples, Literal(triples, datatype=XSD.integer)))
    history = URIRef(f"{root}/.well-known/void#history")
    graph.add((dataset, VOID.subset, history))
    graph.add((history, RDF.type, VOID.Dataset))
    graph.add((history, DCTERMS.description, Literal(
        "Every unit of work, current or not, and the provenance graph: the named graphs of the dataset.", lang="en")))
    graph.add((history, VOID.triples, Literal(figures["quads"], datatype=XSD.integer)))
    graph.add((history, URIRef("https://w3id.org/claimkb#namedGraphs"), Literal(figures["graphs"], datatype=XSD.integer)))
    graph.add((history, VOID.dataDump, URIRef(f"{root}/dumps/claimkb.nq")))
    return graph


def service_description(root: str, figures: dict, settings: dict) -> Graph:
    graph = _bind(Graph())
    service = URIRef(f"{root}/sparql#service")
    endpoint = URIRef(f"{root}/sparql")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in RESULT_FORMATS.values():
        graph.add((service, SD.resultFormat, W3_FORMATS[name]))
    graph.add((service, DCTERMS.description, Literal(
        f"Read-only SPARQL 1.1 endpoint of claimkb. Updates, SERVICE and graphs outside the KB are refused. "
        f"Each query may run {settings['SPARQL_TIME_LIMIT']:g} s (ask for less with the parameter timeout); "
        f"answers hold at most {settings['SPARQL_ROW_LIMIT']} rows or triples (header X-SPARQL-Truncated); "
        f"full data in the dumps.", lang="en")))
    dataset, default = BNode(), BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((dataset, URIRef(DCTERMS.source), URIRef(f"{root}/.well-known/void#claimkb")))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.triples, Literal(figures["triples"], datatype=XSD.integer)))
    graph.add((default, DCTERMS.description, Literal("The current view: the union of the current units of work.",
                                                     lang="en")))
    return graph


def formats_by_kind(kind: str) -> list[str]:
    return [name for name, (_, k) in FORMATS.items() if k == kind and name != "triples-json"]
