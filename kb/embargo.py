"""Unpublished reviews stay in the newsroom until they are published.

A draft or a review in review is a unit of work like any other (validated, attributed, versioned), so it
lives in the store, and the fact-checkers' workspace reads it there. What researchers read is a public
view of it, without every unit holding a status other than ``ckb:Published``:

- the provenance of those units (who made them, when, what they revise, when they stopped being current)
  is kept apart, in ``ckb:embargoed-provenance``, by every write (``kb.changes``): ``ckb:provenance``
  holds the provenance of the public units only, so that researchers read it whole, under its own name,
  on both stores (a SPARQL server serves a named graph whole or not at all). The workspace reads both;
  :func:`keep_public_view` moves what a store written by an older claimkb left in ``ckb:provenance``;
- on the embedded store, a copy: the SPARQL endpoint's snapshot and the dumps are taken from the store's
  checkpoint, and :func:`strip` takes those units out of it first (``kb/queries/embargo/strip.ru``): their
  graphs, their provenance, and their triples in the current view;
- on a remote store there is no copy to strip, so the store keeps the public current view itself, in the
  named graph ``ckb:public-view`` (the union of the current units that hold no unpublished review). The
  request of every write keeps it (``kb.changes``: ``public-retire.ru``, and the public units' triples),
  so a write stays all or nothing; :func:`keep_public_view` builds it once for a store that has none.
  Researchers' queries then run on :func:`public_dataset`: that graph as the default graph, and as named
  graphs the public units and the provenance graph, which a SPARQL server takes instead of the whole
  store (the Protocol's ``default-graph-uri`` and ``named-graph-uri``, which also override the query's
  ``FROM``); the dumps are read the same way (:func:`remote_dump`).

The readers' pages ask for published reviews only; an unpublished review, its parts and its units are
unknown at their IRIs (``browse/known.rq``, ``browse/describe.rq``); the public history leaves
unpublished versions out (``is_embargoed``). Once a review is published, its published version is
public; its drafts stay out.
"""
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from kb import endpoint_scan, sparql
from kb.namespaces import CKB
from kb.store import DUMP_FORMATS, serialize

PUBLIC_VIEW = CKB["public-view"]
EMBARGOED_PROVENANCE = CKB["embargoed-provenance"]
# The default graph of a researcher's query whose FROM names only graphs that are not public: one that
# no store holds, so that the query reads an empty graph, as it would in the embedded store's snapshot.
NO_GRAPH = CKB["no-graph"]


def strip(kb, copy: Path):
    """Remove the embargoed units from ``copy``, a checkpoint of ``kb``'s store that nobody has open yet.
    Opening the copy to write costs 65-380 ms (shipped KB, shared machine), so only when there are any."""
    if not kb.store.ask(sparql.text("embargo/any")):
        return
    store = ox.Store(str(copy))
    store.update(sparql.text("embargo/strip"))
    store.flush()
    del store  # closes it, so that workers may open it read-only


def is_embargoed(unit_graph: Graph) -> bool:
    """Whether a unit of work holds an unpublished review (any ckb:status but ckb:Published)."""
    return any(status != CKB.Published for status in unit_graph.objects(None, CKB.status))


def dump(copy: Path, format: str, graph=None) -> bytes:
    """A dump of a stripped copy (the public dumps), read-only."""
    store = ox.Store.read_only(str(copy))
    options = {"from_graph": ox.DefaultGraph()} if graph == "default" else {}
    return store.dump(format=DUMP_FORMATS[format], **options)


# -- a remote store ---------------------------------------------------------------------------------

def keep_public_view(store):
    """Build the public view of a remote store that has none yet (a store loaded by an older claimkb, or
    restored from a backup, or just loaded with the shipped KB), and move the provenance of unpublished
    units that an older claimkb wrote to ``ckb:provenance``. Each in one request: all or nothing."""
    if store.ask(sparql.text("embargo/misplaced-provenance")):
        store.update(sparql.text("embargo/move-provenance"))
    if not store.ask(sparql.text("embargo/has-public-view")):
        store.update(sparql.text("embargo/public-view"))


def public_graphs(store, among: list | None = None) -> list:
    """The named graphs researchers may read: the public units, current or not, and the provenance;
    only those ``among`` the given IRIs if given (one indexed look-up each, not the whole history)."""
    if among is None:
        return [row["g"] for row in store.select(sparql.text("embargo/public-graphs"))]
    iris = _iris(among)
    if not iris:
        return []
    return [row["g"] for row in store.select(sparql.bind_many(sparql.text("embargo/public-among"), "g", iris))]


def _iris(values) -> list[URIRef]:
    """Those of ``values`` that are IRIs: a name that is not cannot be a graph of the KB."""
    iris = []
    for value in dict.fromkeys(str(value) for value in values):
        try:
            ox.NamedNode(value)
        except ValueError:
            continue
        iris.append(URIRef(value))
    return iris


def public_dataset(store, text: str, default_graphs=None, named_graphs=None) -> dict:
    """The SPARQL Protocol parameters that keep a researcher's query ``text`` on the public view of a
    remote store. The graphs the request or its ``FROM``/``FROM NAMED`` name are kept only if public
    (an unpublished unit reads as an empty graph, as in the embedded store's snapshot). Named graphs are
    listed only when the text says GRAPH; when every GRAPH of it names its graph, only those: the list
    of every public graph, which a ``GRAPH ?g`` needs, is as long as the KB's history (at 100,000 units,
    a 7.7 MB request and seconds: SECURITY.md, "Known limits")."""
    reading = endpoint_scan.read(text)
    # A \u escape may spell GRAPH: then list them too.
    wants_named = "GRAPH" in text.upper() or "\\u" in text.lower()
    asked_default = default_graphs if default_graphs is not None else (reading.from_graphs or None)
    asked_named = named_graphs if named_graphs is not None else (reading.from_named or None)
    if asked_default:
        default = [str(g) for g in public_graphs(store, asked_default)] or [str(NO_GRAPH)]
    else:
        default = [str(PUBLIC_VIEW)]
    params = {"default-graph-uri": default}
    if wants_named:
        named = reading.graphs if reading.graphs is not None else asked_named
        if reading.graphs is not None and asked_named:
            named = [g for g in reading.graphs if g in asked_named]
        public = public_graphs(store, named) if named is not None else public_graphs(store)
        params["named-graph-uri"] = sorted({str(g) for g in public}) or [str(NO_GRAPH)]
    return params


def public_figures_params(store) -> dict:
    """The dataset VoID counts on a remote store: what researchers' queries read."""
    return {"default-graph-uri": [str(PUBLIC_VIEW)],
            "named-graph-uri": sorted(str(g) for g in public_graphs(store))}


def remote_dump(store, format: str, graph=None) -> bytes:
    """The public dump of a remote store: the public view as the default graph and, for ``nq``/``trig``,
    the public units and the provenance of public units only (what :func:`strip` leaves in a snapshot)."""
    dataset = Dataset()
    if graph != "default" and format in ("nq", "trig"):
        for row in store.select(sparql.text("embargo/public-quads")):
            dataset.graph(row["g"]).add((row["s"], row["p"], row["o"]))
    for row in store.select(sparql.text("embargo/public-view-triples")):
        dataset.default_graph.add((row["s"], row["p"], row["o"]))
    return serialize(dataset, format)
