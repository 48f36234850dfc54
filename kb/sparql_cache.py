"""Parse and check each SPARQL text once per process, for pySHACL's SHACL-SPARQL constraints.

pySHACL runs every SHACL-SPARQL constraint through ``Graph.query(text)``, and rdflib parses the text
anew each time: parsing was 70% of validating one write (measured: 0.85 s of 1.25 s under the
profiler for one claim). rdflib evaluates a prepared query as often as asked (that is what
``prepareQuery`` is for), so the processor keeps the prepared form of each text it has seen.

Before each run, pySHACL also scans the text with six regular expressions for what SHACL forbids
there (MINUS, VALUES, SERVICE, re-bound variables): about a tenth of a write's validation once the
parsing was gone. The answer depends on the text and on which variables may be pre-bound only, so it
is kept too; a text that fails the check raises again each time (exceptions are not kept).
"""
from functools import lru_cache

from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
from rdflib.plugins.sparql import processor
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

_query = processor.SPARQLProcessor.query
_check = SPARQLQueryHelper.check_invalid_sparql


@lru_cache(maxsize=512)
def _prepared(text: str, base, namespaces: frozenset):
    return translateQuery(parseQuery(text), base, dict(namespaces) or None)


def _cached_query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):
    if isinstance(strOrQuery, str):
        strOrQuery = _prepared(strOrQuery, base, frozenset((initNs or {}).items()))
    return _query(self, strOrQuery, initBindings, initNs, base, DEBUG)


@lru_cache(maxsize=512)
def _checked(text: str, with_value: bool, extravars: frozenset) -> bool:
    return _check(SPARQLQueryHelper.__new__(SPARQLQueryHelper), text, True if with_value else None, extravars)


def _cached_check(self, sparql_text, valuenode=None, extravars=None):
    return _checked(sparql_text, valuenode is not None, frozenset(extravars or ()))


def install():
    processor.SPARQLProcessor.query = _cached_query
    SPARQLQueryHelper.check_invalid_sparql = _cached_check
