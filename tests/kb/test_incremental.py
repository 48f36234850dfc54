"""Incremental validation equals full validation, on seeded random writes (conforming and not).

Each write is planned on a copy of the shipped KB; its incremental verdict is compared with a full
pySHACL validation of the whole current view after the same write, applied to an in-memory copy.
"""
import random

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kb import sparql
from kb.namespaces import BASE, OA
from kb.store import EmbeddedStore
from kb.validation import validate

EDITOR = BASE["agent/claimkb-editorial-team"]
KINDS = ("claim", "review", "event", "source", "agent")


def units(kb, kind: str) -> list[URIRef]:
    rows = kb.store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    return [row["g"] for row in rows if f"/graph/{kind}/" in row["g"]]


def renamed(graph: Graph, suffix: str) -> Graph:
    """A copy whose own resources get new IRIs: a new unit, not a revision."""
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    bases = {str(s).split("#")[0] for s in subjects}

    def name(term):
        if isinstance(term, URIRef) and str(term).split("#")[0] in bases:
            base, _, fragment = str(term).partition("#")
            return URIRef(f"{base}-{suffix}" + (f"#{fragment}" if fragment else ""))
        return term
    return Graph().__iadd__([(name(s), p, name(o)) for s, p, o in graph])


def mutate(graph: Graph, rng: random.Random, nodes: list[URIRef]) -> Graph:
    """One random change of a unit's triples; sometimes none (a conforming write)."""
    triples = sorted(graph)
    s, p, o = rng.choice(triples)
    mutation = rng.choice(["none", "drop", "other-node", "bad-literal", "duplicate", "shift", "drop-type"])
    out = Graph().__iadd__(triples)
    if mutation == "drop":
        out.remove((s, p, o))
    elif mutation == "other-node" and isinstance(o, URIRef):
        out.remove((s, p, o))
        out.add((s, p, rng.choice(nodes)))
    elif mutation == "bad-literal" and isinstance(o, Literal):
        out.remove((s, p, o))
        out.add((s, p, rng.choice([Literal("2024-13-45", datatype=XSD.date), Literal(""), Literal(7),
                                   Literal("texte", lang="fr")])))
    elif mutation == "duplicate":
        out.add((s, p, rng.choice(nodes) if isinstance(o, URIRef) else Literal("autre", lang="en")))
    elif mutation == "shift":
        for selector, prop in [(x, q) for x, q, _ in triples if q in (OA.start, OA.end)]:
            value = int(out.value(selector, prop))
            out.set((selector, prop, Literal(max(0, value + rng.choice([-1, 1])), datatype=XSD.nonNegativeInteger)))
            break
    elif mutation == "drop-type":
        for subject, _, cls in [(x, q, c) for x, q, c in triples if q == RDF.type][:1]:
            out.remove((subject, RDF.type, cls))
    return out


def full_violations_after(kb, plan) -> set:
    memory = ox.Store()
    memory.load(kb.export("nq"), format=ox.RdfFormat.N_QUADS)
    memory.update(plan.change.as_update())
    copy = EmbeddedStore.__new__(EmbeddedStore)
    copy._store = memory
    view = copy.construct(sparql.text("current-view"))
    return {v.key for v in validate(view)}


@pytest.mark.parametrize("seed", range(24))
def test_incremental_validation_equals_full_validation(kb, seed):
    rng = random.Random(seed)
    nodes = [row["s"] for row in kb.store.select("SELECT DISTINCT ?s WHERE { ?s a ?c } ORDER BY ?s")]
    kind = KINDS[seed % len(KINDS)]
    unit = rng.choice(units(kb, kind))
    triples = mutate(kb.graph(unit), rng, nodes)
    action = rng.choice(["new", "revise", "retract"]) if seed % 4 else "retract"
    if action == "new":
        plan = kb.plan(BASE[f"graph/test/{seed}"], renamed(triples, f"t{seed}"), EDITOR)
    elif action == "revise":
        plan = kb.plan(BASE[f"graph/test/{seed}"], triples, EDITOR, revision_of=unit)
    else:
        plan = kb.plan(None, Graph(), EDITOR, revision_of=unit)
    incremental = {v.key for v in kb.check(plan)}
    assert incremental == full_violations_after(kb, plan), f"{action} of {unit}"
