"""The embedded store: Oxigraph on disk (RocksDB), one writing process at a time."""
import fcntl
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node, URIRef

from kb import sparql
from kb.sparql import bind_values, to_oxigraph, to_rdflib
from kb.store.common import DUMP_FORMATS, QueryResult, QuerySyntaxError, StoreError, StoreLocked, StoreWriteFailed


# Bulk loads under way (EmbeddedStore.bulk_add): each names the graphs it writes, until it is done.
PENDING_LOADS = ox.NamedNode("https://w3id.org/claimkb#pending-loads")
LOADS = ox.NamedNode("https://w3id.org/claimkb#loads")


class EmbeddedStore:
    """Oxigraph on disk (RocksDB): one writing process at a time, transactions per update."""

    _failed = False  # a write failed: the next one reopens the store first (``_reopen``)
    _lock_file = None

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.generation = 0  # counts writes, so that snapshots (``backup``) can tell they are stale
        self._reopening = threading.Lock()
        self._lock_file = self._lock()
        try:
            self._store = ox.Store(str(self.path))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreLocked(f"the store {self.path} is open in another process") from error
            raise StoreError(f"cannot open the store {self.path}: {error}; the directory must be writable "
                             "and its disk must have free space") from error
        self.recovered = self._undo_pending_loads()  # graphs of bulk loads cut off (kb.connect says so)

    def _lock(self):
        """Hold the store for this process, as RocksDB's own lock does, but also while :meth:`_reopen` has
        closed the store: other commands must then still go through this process (``kb.connect``)."""
        try:
            lock_file = open(self.path / "claimkb.lock", "a")
        except OSError as error:
            raise StoreError(f"cannot open the store {self.path}: {error}; the directory must be writable "
                             "and its disk must have free space") from error
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            lock_file.close()
            raise StoreLocked(f"the store {self.path} is open in another process") from error
        return lock_file

    @classmethod
    def read_only(cls, path: Path) -> "EmbeddedStore":
        """A store that another process may be writing, or a snapshot, opened to read only."""
        store = cls.__new__(cls)
        store.path, store.generation = Path(path), 0
        store._store = ox.Store.read_only(str(path))
        return store

    def _write_failed(self, error: OSError) -> StoreWriteFailed:
        self._failed = True
        return StoreWriteFailed(f"the store {self.path} could not write ({error}); nothing was written. Free "
                                "disk space or make the directory writable, then try again")

    def _reopen(self):
        """After a failed write, RocksDB refuses every later write, even once the disk has space again,
        until the store is opened again (it does not resume by itself: measured with a full tmpfs). So the
        next write reopens it first. Readers meanwhile read the store opened read-only (which takes no
        lock); the old one closes once the readers that still hold it are done (a few ms: they read their
        rows at once), and until then opening it to write says the lock is held."""
        with self._reopening:
            if not self._failed:
                return  # another writer has reopened it meanwhile
            if not self._room_to_reopen():
                # Opening replays the write-ahead log into a new table file: on a disk still full it would
                # fail (and the endpoint would take the new files for a change worth a new snapshot).
                raise StoreWriteFailed(f"the store {self.path} could not write, and its disk is still full; "
                                       "nothing was written. Free disk space, then try again")
            try:
                self._store = ox.Store.read_only(str(self.path))  # the old one is dropped here
            except OSError as error:
                raise self._write_failed(error) from error
            deadline = time.monotonic() + 10
            while True:
                try:
                    self._store = ox.Store(str(self.path))
                    self._failed = False
                    self._undo_pending_loads()  # a load that failed with the disk full is taken back now
                    return
                except OSError as error:
                    if "lock" in str(error).lower() and time.monotonic() < deadline:
                        time.sleep(0.01)
                        continue
                    # reads go on, read-only; the next write tries again
                    raise StoreWriteFailed(f"the store {self.path} could not be opened to write again ({error}); "
                                           "nothing was written. Free disk space or make the directory "
                                           "writable, then try again") from error

    def _run(self, query: str, bindings: dict[str, Node] | None, **options):
        substitutions = {ox.Variable(name): to_oxigraph(term) for name, term in (bindings or {}).items()}
        try:
            return self._store.query(query, substitutions=substitutions or None, **options)
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from error

    def select_values(self, query: str) -> list[dict[str, str]]:
        """The rows of ``query`` with each term as its plain value (an IRI, a literal's lexical form): for
        reading many rows (``kb.claim_index``), where making rdflib terms would cost most of the time."""
        solutions = self._run(query, None)
        names = [v.value for v in solutions.variables]
        return [{name: row[name].value for name in names if row[name] is not None} for row in solutions]

    def select(self, query: str, bindings=None, **options) -> list[dict[str, Node]]:
        solutions = self._run(query, bindings, **options)
        names = [v.value for v in solutions.variables]
        return [{name: to_rdflib(row[name]) for name in names if row[name] is not None} for row in solutions]

    def ask(self, query: str, bindings=None, **options) -> bool:
        return bool(self._run(query, bindings, **options))

    def construct(self, query: str, bindings=None, **options) -> Graph:
        graph = Graph()
        for triple in self._run(query, bindings, **options):
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        return graph

    def query(self, query: str, **options) -> QueryResult:
        result = self._run(query, None, **options)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            graph = Graph()
            for triple in result:
                graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
            return QueryResult("graph", graph=graph)
        names = [v.value for v in result.variables]
        rows = [{name: to_rdflib(row[name]) for name in names if row[name] is not None} for row in result]
        return QueryResult("select", variables=names, rows=rows)

    def _room_to_reopen(self) -> bool:
        """Whether the disk has room for what opening the store writes: its write-ahead log again as a
        table file, a new log and manifest (a margin of 4 MiB for those)."""
        logs = sum(entry.stat().st_size for entry in os.scandir(self.path) if entry.name.endswith(".log"))
        return shutil.disk_usage(self.path).free >= logs + (4 << 20)

    def _writable(self):
        """RocksDB appends to the files it holds open, so a store whose directory is made read-only under
        it (its modes changed) takes writes until it needs a new file, then fails and refuses every write:
        seen in tests/reliability/test_read_only.py. Refuse at once instead, before anything is written
        (one access(2) call, which also says EROFS for a read-only mount)."""
        if not os.access(self.path, os.W_OK, effective_ids=True):
            raise StoreWriteFailed(f"the store {self.path} is read-only (its directory cannot be written); nothing "
                                   "was written. Make the directory writable, then try again")

    def update(self, update: str, bindings=None):
        self._writable()
        if self._failed:
            self._reopen()
        try:
            self._store.update(bind_values(update, bindings or {}))
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from error
        except OSError as error:
            raise self._write_failed(error) from error
        # Only a write that happened makes snapshots stale: after a failed one (a full disk) queries keep
        # the snapshot they have, which needs no disk.
        self.generation += 1

    def load(self, data: bytes, format: str = "nq"):
        """Add ``data`` in one transaction (``extend``)."""
        self._writable()
        if self._failed:
            self._reopen()
        try:
            self._store.extend(ox.parse(data, format=DUMP_FORMATS[format]))
        except OSError as error:
            raise self._write_failed(error) from error
        self.generation += 1

    def bulk_add(self, parts: Iterable[bytes], graphs: list[URIRef]):
        """Add ``parts`` (N-Quads), in order, through Oxigraph's bulk loader, which writes without a
        transaction: at 1,000,000 quads in batches of an import, a third of the CPU of one transaction per
        batch (BENCHMARKS.md, "Import"). For a process that holds the store alone (an import command, not
        the server): a reader would see the parts while they load.

        All or nothing all the same: a marker naming ``graphs`` (the named graphs the parts create) is
        committed first; if the load fails, or the process dies during it (the next opening of the store),
        ``store/undo-loads.ru`` takes out of the store what the parts may have put there: those graphs,
        what other graphs say about them, and their triples in the default graph that no other current
        graph holds. So the parts must hold only new graphs, triples about them, and default-graph copies
        of their triples; the graphs' own triples go in a part before their copies."""
        self._writable()
        if self._failed:
            self._reopen()
        load = ox.NamedNode(f"urn:uuid:{uuid.uuid4()}")
        try:
            self._store.extend(ox.Quad(load, LOADS, to_oxigraph(graph), PENDING_LOADS) for graph in graphs)
            # On disk before any part is: the bulk loader's files are, once ingested.
            self._store.flush()
        except OSError as error:
            raise self._write_failed(error) from error
        self.generation += 1
        try:
            for part in parts:
                self._store.bulk_load(part, format=ox.RdfFormat.N_QUADS)
        except BaseException as error:
            try:
                self._undo_pending_loads()
            except (OSError, StoreError):
                pass  # the marker stays: the next opening of the store takes the load back
            if isinstance(error, OSError):
                raise self._write_failed(error) from error
            if isinstance(error, SyntaxError):
                raise QuerySyntaxError(f"the data to load is not N-Quads: {error}; nothing was written") from error
            raise
        try:
            self._store.update(bind_values(sparql.text("store/load-done"), {"load": to_rdflib(load)}))
        except OSError as error:  # loaded, but still marked: the next opening takes it back (re-run the import)
            raise self._write_failed(error) from error

    def _undo_pending_loads(self) -> int:
        """Take back the bulk loads that did not finish; how many graphs they were writing."""
        pending = self._store.query(sparql.text("store/pending-loads"))
        graphs = int(next(iter(pending))["graphs"].value)
        if graphs:
            try:
                self._store.update(sparql.text("store/undo-loads"))
            except OSError as error:
                raise self._write_failed(error) from error
            self.generation += 1
        return graphs

    def backup(self, directory: Path):
        """A consistent copy of the store in the new ``directory`` (a RocksDB checkpoint: hard links, cheap),
        that other processes may open read-only while this one writes."""
        try:
            self._store.backup(str(directory))
        except OSError as error:
            self._failed = True  # its flush failed: RocksDB may now refuse writes until reopened
            raise StoreError(f"cannot make a snapshot of the store in {directory} ({error}): free disk "
                             "space or make the store's directory writable, then try again") from error

    def dump(self, format: str = "nq", graph=None) -> bytes:
        options = {}
        if graph is not None:
            options["from_graph"] = to_oxigraph(graph) if graph != "default" else ox.DefaultGraph()
        return self._store.dump(format=DUMP_FORMATS[format], **options)

    def is_empty(self) -> bool:
        # One step of a scan of every quad: the ASK it replaces took 0.2 to 0.5 s at 1,000,000 quads, on each start.
        return next(iter(self._store.quads_for_pattern(None, None, None, None)), None) is None

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store itself, for what only it can do fast (bulk loads, benchmarks)."""
        return self._store

    def close(self):
        if not hasattr(self, "_store"):
            return  # closed already
        try:
            self._store.flush()
        except OSError:
            pass  # a failed write already said so; what was committed is in the write-ahead log
        del self._store
        if self._lock_file is not None:
            self._lock_file.close()  # releases the lock
