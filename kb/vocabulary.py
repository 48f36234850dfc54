"""The claimkb vocabulary (``kb/vocab/*.ttl``): terms, verdict scheme, mappings."""
from functools import cache
from importlib.resources import files

from rdflib import Graph
from rdflib.namespace import RDFS


@cache
def graph() -> Graph:
    """The vocabulary graph, parsed once per process; treat it as read-only."""
    vocabulary = Graph()
    for resource in sorted(files("kb.vocab").iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".ttl"):
            vocabulary.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    return vocabulary


@cache
def class_hierarchy() -> Graph:
    """Only the ``rdfs:subClassOf`` axioms: what ``sh:class`` needs beyond the data it checks."""
    hierarchy = Graph()
    for triple in graph().triples((None, RDFS.subClassOf, None)):
        hierarchy.add(triple)
    return hierarchy
