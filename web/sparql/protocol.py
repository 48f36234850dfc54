"""The SPARQL 1.1 Protocol, read from a request (Flask's, or werkzeug's on the direct path): the query,
its dataset, its time limit and the formats the client accepts. Everything a client can get wrong
raises one of the errors below, which ``web.sparql.errors`` maps to a status."""
import functools

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header
from werkzeug.wrappers import Request

# Media types a client may ask for, per kind of answer, in the order of preference for */*.
SELECT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                "text/csv": "csv", "text/tab-separated-values": "tsv", "text/html": "html"}
GRAPH_TYPES = {"text/turtle": "ttl", "application/x-turtle": "ttl", "application/n-triples": "nt",
               "text/plain": "nt", "application/ld+json": "jsonld", "application/json": "jsonld",
               "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
               "application/trig": "trig", "application/n-quads": "nq", "text/html": "html"}
# Values of the ``format`` parameter (browsers, SPARQLWrapper's format=json|xml|turtle|n3|csv|tsv|json-ld|rdf+xml).
SELECT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "html": "html"}
GRAPH_NAMES = {"ttl": "ttl", "turtle": "ttl", "n3": "ttl", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
               "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld", "rdfxml": "rdfxml", "rdf+xml": "rdfxml",
               "rdf": "rdfxml", "xml": "rdfxml", "trig": "trig", "nq": "nq", "nquads": "nq", "n-quads": "nq",
               "html": "html"}
DEFAULTS = {"select": "json", "graph": "ttl"}


class ProtocolError(Exception):
    """A request that does not follow the protocol."""


class MissingQuery(ProtocolError):
    pass


class TwoQueries(ProtocolError):
    pass


class BadParameter(ProtocolError):
    pass


class UnsupportedBody(ProtocolError):
    pass


class TooLarge(ProtocolError):
    pass


class UpdateRequest(ProtocolError):
    """An ``update`` parameter or an ``application/sparql-update`` body: refused, nothing changes."""


def body_limit(max_query_bytes: int) -> int:
    """Most bytes a body may hold: a form-encoded query can triple in size (percent-encoding)."""
    return 3 * max_query_bytes + 4096


def query_text(request: Request, max_query_bytes: int) -> str | None:
    """The query of the request; None for a GET that holds none (the service description)."""
    if request.content_length is not None and request.content_length > body_limit(max_query_bytes):
        raise TooLarge(f"the request body is larger than {body_limit(max_query_bytes)} bytes")
    queries = request.args.getlist("query")
    if "update" in request.args:
        raise UpdateRequest("this endpoint is read-only: SPARQL Update is refused; nothing was changed")
    if request.method == "POST":
        kind = request.mimetype
        if kind == "application/x-www-form-urlencoded":
            if "update" in request.form:
                raise UpdateRequest("this endpoint is read-only: SPARQL Update is refused; nothing was changed")
            queries = queries + request.form.getlist("query")
        elif kind == "application/sparql-query":
            try:
                queries = queries + [request.get_data().decode("utf-8")]
            except UnicodeDecodeError:
                raise BadParameter("the query is not UTF-8: send it encoded in UTF-8") from None
        elif kind == "application/sparql-update":
            raise UpdateRequest("this endpoint is read-only: SPARQL Update is refused; nothing was changed")
        else:
            raise UnsupportedBody(f"a query is sent as application/x-www-form-urlencoded or "
                                  f"application/sparql-query, not {kind or 'a body without a type'}")
    elif not queries:
        return None
    if len(queries) > 1:
        raise TwoQueries(f"the request holds {len(queries)} queries; send one")
    if not queries or not queries[0].strip():
        raise MissingQuery("the request holds no query: send it as the parameter query, "
                           "or as the body (application/sparql-query)")
    if len(queries[0].encode("utf-8")) > max_query_bytes:
        raise TooLarge(f"the query is longer than {max_query_bytes} bytes")
    return queries[0]


def graphs(request: Request) -> tuple[list[str] | None, list[str] | None]:
    """The ``default-graph-uri`` and ``named-graph-uri`` parameters (None when absent)."""
    values = request.args if request.method == "GET" or request.mimetype != "application/x-www-form-urlencoded" \
        else request.values
    default, named = values.getlist("default-graph-uri"), values.getlist("named-graph-uri")
    return default or None, named or None


def seconds(request: Request, limit: float) -> float:
    """The time limit of this request: ``timeout`` (seconds) may lower the setting, never raise it."""
    asked = request.values.get("timeout")
    if asked is None or asked == "":
        return limit
    try:
        value = float(asked)
    except ValueError:
        raise BadParameter(f"timeout must be a number of seconds, not {asked!r}") from None
    if not value > 0:
        raise BadParameter("timeout must be more than 0 seconds")
    return min(value, limit)


def formats(request: Request) -> dict[str, str | None]:
    """The format of the answer for each kind of query (None when the client accepts none)."""
    asked = request.values.get("format") or request.values.get("_format")
    chosen = {}
    for kind, types, names in (("select", SELECT_TYPES, SELECT_NAMES), ("graph", GRAPH_TYPES, GRAPH_NAMES)):
        if asked:
            key = asked.strip().lower()
            chosen[kind] = names.get(key) or types.get(key.split(";")[0].strip())
        else:
            chosen[kind] = _negotiated(request.headers.get("Accept", ""))[kind]
    return chosen


def _negotiated(accept: str) -> dict[str, str | None]:
    """The format of each kind for an ``Accept`` header. Clients send the same few headers: the answers for
    short ones are kept (parsing and matching them was a fifth of the web process's CPU for a small query)."""
    return _negotiated_kept(accept) if len(accept) <= 200 else _negotiate_header(accept)


def _negotiate_header(accept: str) -> dict[str, str | None]:
    parsed = parse_accept_header(accept, MIMEAccept)
    return {kind: negotiate(parsed, types, DEFAULTS[kind])
            for kind, types in (("select", SELECT_TYPES), ("graph", GRAPH_TYPES))}


_negotiated_kept = functools.lru_cache(maxsize=256)(_negotiate_header)


def negotiate(accept: MIMEAccept, types: dict[str, str], default: str) -> str | None:
    """``types`` lists ``default`` first."""
    if not accept:
        return default
    best = accept.best_match(list(types))  # ties go to the first of ours: */* gives the default
    return None if best is None else types[best]
