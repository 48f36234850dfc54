"""What both store backends share: the result of a query, the dump formats, and the errors they raise."""
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node


DUMP_FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE,
                "nt": ox.RdfFormat.N_TRIPLES}


@dataclass
class QueryResult:
    """What a query gave: rows of a SELECT, the answer of an ASK, or the graph of a CONSTRUCT/DESCRIBE."""
    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class StoreError(Exception):
    """The store cannot be used; the message says what to do."""


class StoreLocked(StoreError):
    """Another process holds the embedded store open for writing."""


class StoreWriteFailed(StoreError):
    """The embedded store could not write (disk full, read-only file system): the transaction was not
    applied. RocksDB then refuses every write until the store is opened again, which the next write does."""


class QuerySyntaxError(ValueError):
    """A malformed query: the message is the parser's, with the position."""



class StoreUnavailable(StoreError):
    """The remote store cannot be reached, or answers that it is unavailable: nothing was read or written.
    It is the store's state, not the request's: the same request may succeed once the store is back."""


class StoreTimeout(StoreUnavailable):
    """The remote store did not answer within the time allowed."""
