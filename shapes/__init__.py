"""claimkb's SHACL shapes: the contract every write must meet.

One function, :func:`load`, reads every ``*.ttl`` in this package into one rdflib graph.
No store and no web here: ``kb`` runs the shapes, this package only holds them.
"""
from functools import cache
from importlib.resources import files

from rdflib import Graph


@cache
def load() -> Graph:
    """The shapes graph (every ``shapes/*.ttl``), parsed once per process; treat it as read-only."""
    graph = Graph()
    for resource in sorted(files(__name__).iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".ttl"):
            graph.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    return graph
