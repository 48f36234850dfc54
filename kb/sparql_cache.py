"""Parse each SPARQL text once per process in rdflib.

pySHACL runs every SHACL-SPARQL constraint through ``Graph.query(text)``, and rdflib parses the text
anew each time: parsing was 70% of validating one write (measured: 0.85 s of 1.25 s under the
profiler for one claim). rdflib evaluates a prepared query as often as asked (that is what
``prepareQuery`` is for), so the processor keeps the prepared form of each text it has seen.
"""
from functools import lru_cache

from rdflib.plugins.sparql import processor
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

_query = processor.SPARQLProcessor.query


@lru_cache(maxsize=512)
def _prepared(text: str, base, namespaces: frozenset):
    return translateQuery(parseQuery(text), base, dict(namespaces) or None)


def _cached_query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):
    if isinstance(strOrQuery, str):
        strOrQuery = _prepared(strOrQuery, base, frozenset((initNs or {}).items()))
    return _query(self, strOrQuery, initBindings, initNs, base, DEBUG)


def install():
    processor.SPARQLProcessor.query = _cached_query
