"""What the scale benchmark measures of writing: a bare Oxigraph bulk load (the import's baseline), and
one anchored claim written through the facade (plan, incremental validation, commit)."""
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from benchmarks.scaling.generated import anchor
from kb.importers import liar
from kb.importers.common import Triples, resource as iri, unit_name
from kb.knowledgebase import SYSTEM_AGENT
from kb.namespaces import CKB, SCHEMA


def quads_in(store: ox.Store) -> int:
    return int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION "
                                     "{ GRAPH ?g { ?s ?p ?o } } }")))["n"].value)


def bare_bulk_load(data: bytes, directory: Path) -> float:
    store = ox.Store(str(directory))
    start = time.perf_counter()
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - start
    del store
    return seconds


def one_write(kb) -> tuple[float, float]:
    """Plan, validate incrementally and commit one anchored claim in an existing article: ms of the
    validation, ms of the whole write."""
    article = next(row["a"] for row in kb.query(
        "PREFIX schema: <http://schema.org/> SELECT ?a WHERE { ?a a schema:NewsArticle ; schema:text ?t "
        "FILTER (STRSTARTS(STR(?a), 'https://w3id.org/claimkb/source/bench-')) } LIMIT 1").rows)
    text = str(kb.store.select("SELECT ?a ?t WHERE { ?a <http://schema.org/text> ?t }", {"a": article})[0]["t"])
    passage = text.split("\n\n")[1]
    claim = iri("claim", "bench-write")
    graph = Triples()
    graph.add((claim, RDF.type, SCHEMA.Claim))
    graph.add((claim, SCHEMA.text, Literal(passage, lang="en")))
    graph.add((claim, SCHEMA.author, liar.POLITIFACT))
    graph.add((claim, SCHEMA.appearance, article))
    graph.add((claim, CKB.presentedAs, CKB.Assertion))
    anchor(graph, "bench-write", claim, article, text, passage)
    triples = Graph()
    for triple in graph:
        triples.add(triple)
    start = time.perf_counter()
    plan = kb.plan(unit_name(claim), triples, SYSTEM_AGENT)
    checking = time.perf_counter()
    violations = kb.check(plan)
    checked = time.perf_counter()
    assert not violations, violations
    kb.store.update(plan.change.as_update())
    return (checked - checking) * 1000, (time.perf_counter() - start) * 1000
