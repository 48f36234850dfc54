"""Unpublished reviews stay in the newsroom until they are published.

A draft or a review in review is a unit of work like any other (validated, attributed, versioned), so it
lives in the store, and the fact-checkers' workspace reads it there. What researchers read is a copy:
the SPARQL endpoint's snapshot and the dumps are taken from the store's checkpoint, and this module
takes every unit holding a status other than ``ckb:Published`` out of that copy first
(``kb/queries/embargo/strip.ru``): its graph, its provenance, and its triples in the current view. The
readers' pages ask for published reviews only; an unpublished review, its parts and its units are
unknown at their IRIs (``browse/known.rq``, ``browse/describe.rq``); the public history leaves
unpublished versions out (``is_embargoed``). Once a review is published, its published version is
public; its drafts stay out. On a remote store there is no snapshot to strip (SECURITY.md).
"""
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kb import sparql
from kb.namespaces import CKB
from kb.store import DUMP_FORMATS


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
