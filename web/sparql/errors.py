"""Every error a SPARQL request can meet, and its HTTP status: the one place where they are mapped.

Errors are values with a message; the status says whose move it is. A query cut off at the time
limit is 503, as Apache Jena Fuseki answers a cancelled query (``Fuseki.SC_QueryCancelled``): it is not
a malformed request (SPARQL clients read 400 as a syntax error: SPARQLWrapper raises ``QueryBadFormed``),
and 408 is about a client that was slow to send its request. No ``Retry-After`` on it: the same query
would be stopped again; the message says to narrow it. A full worker pool is the server's moment (503
with ``Retry-After``). Nothing a client sends yields a 500.
"""
from kb.endpoint import NotAcceptable, QueryEvaluationError, UnknownGraph
from kb.endpoint_pool import EndpointBusy, QueryTimeout, WorkerFailed
from kb.endpoint_scan import RemoteRefused, UpdateRefused
from kb.store import QuerySyntaxError, StoreError
from web.sparql.protocol import (BadParameter, MissingQuery, TooLarge, TwoQueries, UnsupportedBody,
                                 UpdateRequest)

STATUS = {
    QuerySyntaxError: 400,      # the parser's message, with the line and column
    QueryEvaluationError: 400,
    MissingQuery: 400,
    TwoQueries: 400,
    BadParameter: 400,
    UnknownGraph: 400,          # a graph the KB does not hold: nothing is fetched
    UpdateRequest: 403,
    UpdateRefused: 403,
    RemoteRefused: 403,
    NotAcceptable: 406,
    TooLarge: 413,
    UnsupportedBody: 415,
    QueryTimeout: 503,          # not the client's syntax: see above
    EndpointBusy: 503,
    WorkerFailed: 503,
    StoreError: 503,            # the store cannot serve (a snapshot on a full disk): the server's state
}
HANDLED = tuple(STATUS)
TITLES = {400: "Bad request", 403: "Refused", 406: "Not acceptable", 413: "Too large",
          415: "Unsupported media type", 503: "Unavailable"}


def status(error: Exception) -> int:
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    raise error


def headers(error: Exception) -> dict:
    return {"Retry-After": "5"} if isinstance(error, (EndpointBusy, WorkerFailed)) else {}
