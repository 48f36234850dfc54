"""SPARQL text from ``kb/queries/*.rq`` files, and values bound into it safely.

Python never formats user values into SPARQL. Values are RDF terms: the embedded store binds them
natively (pyoxigraph substitutions); where a protocol has no bindings (a remote endpoint, SPARQL
Update) they are written as a ``VALUES`` block of serialised terms at the start of the query's first
``WHERE`` group. Terms are serialised by rdflib (``n3()``), which escapes them: no value can change
the query's structure.
"""
from functools import cache
from importlib.resources import files

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

import pyoxigraph as ox


class QueryNotFound(LookupError):
    pass


class InvalidTerm(ValueError):
    """A value that cannot be bound as an RDF term (an IRI with a space, a quote, a newline or no scheme):
    refused before any query runs, so it can neither change a query nor reach the store."""


@cache
def text(name: str) -> str:
    """The text of ``kb/queries/<name>.rq`` (or ``.ru`` for updates); ``name`` may hold a folder."""
    folder = files("kb.queries")
    for suffix in (".rq", ".ru"):
        resource = folder.joinpath(name + suffix)
        if resource.is_file():
            return resource.read_text(encoding="utf-8")
    raise QueryNotFound(f"no query kb/queries/{name}.rq")


def to_oxigraph(term: Node):
    try:
        return _to_oxigraph(term)
    except ValueError as error:  # pyoxigraph checks IRIs and language tags as the RDF specs define them
        kind = "IRI" if isinstance(term, URIRef) else "RDF term"
        raise InvalidTerm(f"{str(term)[:200]!r} is not a valid {kind}: {error}") from None


def _to_oxigraph(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype \
            else ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot bind {term!r}")


def to_rdflib(term) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        # The lexical form as stored ("...Z" stays "...Z"): rdflib would rewrite it canonically, and a dump
        # made through the server (``claimkb export`` while it runs) would then not be the store's data.
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unexpected term {term!r}")


def n3(term: Node) -> str:
    """The term as SPARQL text, once Oxigraph's rules accept it (rdflib's ``n3()`` alone lets through
    IRIs that no SPARQL parser reads, such as one holding a newline)."""
    to_oxigraph(term)
    return term.n3()


def values_block(bindings: dict[str, Node]) -> str:
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(n3(term) for term in bindings.values())
    return f"VALUES ({names}) {{ ({row}) }}"


def bind_values(query: str, bindings: dict[str, Node]) -> str:
    """``query`` (our own trusted text) with ``bindings`` as a VALUES block at the start of its first WHERE group."""
    if not bindings:
        return query
    return _at_where(query, list(bindings), values_block(bindings))


def bind_many(query: str, name: str, terms: list[Node]) -> str:
    """``query`` with a VALUES block binding ``?name`` to each of ``terms`` (one row each), where
    :func:`bind_values` binds one row: for the lookups of a whole batch in one query."""
    return _at_where(query, [name], f"VALUES ?{name} {{ " + " ".join(n3(term) for term in terms) + " }")


def _at_where(query: str, names: list[str], block: str) -> str:
    """``block`` inserted at the start of the query's first WHERE group."""
    for name in names:
        if not name.isidentifier():
            raise ValueError(f"not a variable name: {name!r}")
    at = query.upper().find("WHERE {")
    if at != -1:
        at += len("WHERE {")
    else:  # WHERE is optional in SELECT and ASK: the first group is then the first brace
        at = query.find("{")
        if at == -1:
            raise ValueError("a query with bindings needs a '{' group")
        at += 1
    return query[:at] + "\n  " + block + "\n" + query[at:]
