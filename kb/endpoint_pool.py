"""Where researchers' queries run: killable worker processes, each reading a consistent snapshot.

Why this design. pyoxigraph cannot cancel a query from Python (the Rust API has a cancellation token,
not exposed; see oxigraph/oxigraph#1926, and even the server's ``--timeout-s`` is cooperative and
misses some evaluator paths), and a query holds the GIL-free Rust evaluator on its thread until it
ends. The only sure stop is killing the process that runs it, so queries run in child processes.
Those children cannot open the server's store: Oxigraph allows one read-write opener, and opening it
read-only while another process writes is undefined behaviour. Running an Oxigraph server as the
store's owner would stop the web process from owning the store it validates writes on, and killing
that server to stop one query would stop every query.

So the web process keeps the store, and after each write (when a query next arrives) it makes a
RocksDB checkpoint of it (``Store.backup``: hard links to the immutable SST files, 20-40 ms on the
shipped KB and about as much at 100,000 triples) into ``DIR/sparql-snapshots/``. Nobody writes a
checkpoint, so workers open it with ``Store.read_only`` soundly, and see exactly one committed state
(the write lock is held while it is taken). A query goes to an idle worker over a socket pair; if it
has not answered within its time limit, the worker is killed (SIGKILL) and replaced in the background,
while the other workers keep answering. A snapshot is deleted when it is neither current nor in use.

Cost (measured on the shipped KB, 2 shared CPUs under load, medians of 200, in process without
HTTP): the round trip to a worker adds about 0.33 ms (a COUNT: 0.07 ms direct, 0.40 ms through a
worker); a competency question goes from 3-4 ms to 4-9 ms and 1,000 rows of JSON from 8-15 ms to 36-47 ms
when the rows are written in Python to apply the row limit (a query whose own LIMIT is within the row
limit has its rows written by pyoxigraph instead). The first query after a write pays for a checkpoint
and a re-open: about 150-180 ms, once per write, and once more after the store has compacted
(:class:`Snapshots`). Starting the pool costs about 0.5 s, on the app's
first request. Over HTTP, against a bare ``oxigraph serve``: BENCHMARKS.md, "SPARQL endpoint".
"""
import atexit
import itertools
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kb import embargo
from kb.store import StoreError

STARTUP_SECONDS = 30


class QueryTimeout(Exception):
    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"the query ran longer than its time limit of {seconds:g} s and was stopped; "
                         "narrow it (LIMIT, more specific patterns), or download the dumps for full scans")


class EndpointBusy(Exception):
    def __init__(self):
        super().__init__("every query worker is busy; try again in a few seconds")


class WorkerFailed(Exception):
    """The worker died during the query (for example, out of memory)."""


@dataclass
class Snapshot:
    path: Path
    generation: int  # the store's write generation it holds
    layout: frozenset[str]  # the store's table files when it was taken (:func:`layout`)
    checked: float  # time.monotonic() when it was taken, then when the store's layout was last compared


def layout(store_path: Path) -> frozenset[str]:
    """The names of the store's RocksDB table files. Compaction replaces them; a write alone may not."""
    return frozenset(entry.name for entry in os.scandir(store_path) if entry.name.endswith(".sst"))


class Snapshots:
    """Consistent read-only copies of the embedded store, one per write generation, and one more when
    the store has compacted since: a checkpoint keeps the table files as they were, and a read-only
    opener never compacts. Right after a bulk load or an import the store is dozens of overlapping
    level-0 files that every read merges; the store compacts them in the background within seconds,
    and a query on the old checkpoint pays for the merge for as long as it is used (at 1,000,000 quads
    competency questions took 1.5-2.7x the CPU on the uncompacted checkpoint, BENCHMARKS.md, "SPARQL
    endpoint"). The store's layout is compared with the snapshot's at most every RELAYOUT_SECONDS, so a
    new layout is taken up at most that often, as a compaction replaces files several times before it
    settles."""

    RELAYOUT_SECONDS = 5.0

    def __init__(self, kb, directory: Path):
        self.kb, self.directory = kb, Path(directory)
        shutil.rmtree(self.directory, ignore_errors=True)  # left by a server that did not stop cleanly
        self.directory.mkdir(parents=True)
        self.lock = threading.Lock()
        self.current: Snapshot | None = None
        self.users: dict[Path, int] = {}
        self.names = itertools.count()

    def _stale(self) -> bool:
        current = self.current
        if current is None or current.generation != self.kb.store.generation:
            return True
        now = time.monotonic()
        if now - current.checked < self.RELAYOUT_SECONDS:
            return False
        # Listing the store's directory at every query was 4% of a small query's CPU in the web process.
        current.checked = now
        return layout(self.kb.store.path) != current.layout

    @contextmanager
    def use(self):
        """The path of the current snapshot, kept on disk while the caller uses it."""
        with self.lock:
            if self._stale():
                with self.kb.write_lock:  # one committed state, and the generation that names it
                    generation, files = self.kb.store.generation, layout(self.kb.store.path)
                    path = self.directory / f"{generation}-{next(self.names)}"
                    try:
                        self.kb.store.backup(path)
                        embargo.strip(self.kb, path)  # researchers do not read unpublished reviews
                    except StoreError:
                        if self.current is None:
                            raise
                        # The store cannot be copied now (a full disk, a read-only directory: the copy
                        # flushes the store first): the current snapshot, an earlier committed state that
                        # needs no disk to read, serves until it can (tests/reliability/test_read_only.py).
                        shutil.rmtree(path, ignore_errors=True)
                        generation, files, path = self.current.generation, self.current.layout, self.current.path
                self.current = Snapshot(path, generation, files, time.monotonic())
                self.users.setdefault(path, 0)
            path = self.current.path
            self.users[path] += 1
        try:
            yield str(path)
        finally:
            with self.lock:
                self.users[path] -= 1
                self._prune()

    def _prune(self):
        for path, users in list(self.users.items()):
            if users == 0 and path != self.current.path:
                del self.users[path]
                shutil.rmtree(path, ignore_errors=True)

    def close(self):
        shutil.rmtree(self.directory, ignore_errors=True)


class Worker:
    def __init__(self):
        ours, theirs = socket.socketpair()
        package_root = str(Path(__file__).resolve().parents[1])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root,
                                                                         os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen([sys.executable, "-m", "kb.endpoint_worker", str(theirs.fileno())],
                                        pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=env)
        theirs.close()
        self.connection = Connection(ours.detach())
        if not self.connection.poll(STARTUP_SECONDS):
            self.kill()
            raise WorkerFailed("a query worker did not start")
        self.connection.recv()

    def kill(self):
        self.process.kill()
        self.process.wait()
        self.connection.close()


class WorkerPool:
    def __init__(self, size: int):
        self.size = size
        # Last in, first out: the worker that answered last answers next, its caches (RocksDB blocks, the
        # snapshot it has open) warm; the others only work when queries overlap.
        self.idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self.wanted: queue.Queue[bool] = queue.Queue()  # one item per worker to start
        self.workers: set[Worker] = set()
        self.lock = threading.Lock()
        self.started = self.closed = False

    def _spawner(self):
        """Workers are started from this one long-lived thread: Linux delivers a worker's
        parent-death signal (PR_SET_PDEATHSIG) when the *thread* that started it ends."""
        while True:
            self.wanted.get()
            if self.closed:
                return
            try:
                worker = Worker()
            except (OSError, WorkerFailed) as error:
                print(f"claimkb: cannot start a query worker: {error}", file=sys.stderr)
                continue
            with self.lock:
                if self.closed:
                    worker.kill()
                    return
                self.workers.add(worker)
            self.idle.put(worker)

    def start(self):
        with self.lock:
            if self.started:
                return
            self.started = True
        threading.Thread(target=self._spawner, name="sparql-worker-spawner", daemon=True).start()
        for _ in range(self.size):
            self.wanted.put(True)

    def _replace(self, worker: Worker):
        with self.lock:
            self.workers.discard(worker)
        worker.kill()
        self.wanted.put(True)

    def run(self, job: dict, seconds: float) -> tuple:
        """The worker's answer to ``job``; :class:`QueryTimeout` after ``seconds`` (the worker is killed)."""
        self.start()
        try:
            worker = self.idle.get(timeout=seconds + 5)
        except queue.Empty:
            raise EndpointBusy() from None
        try:
            worker.connection.send(job)
            if not worker.connection.poll(seconds):
                self._replace(worker)
                raise QueryTimeout(seconds)
            answer = worker.connection.recv()
        except (EOFError, OSError) as error:
            self._replace(worker)
            raise WorkerFailed(f"the query stopped its worker ({error or 'it exited'})") from None
        self.idle.put(worker)
        return answer

    def pids(self) -> list[int]:
        with self.lock:
            return [w.process.pid for w in self.workers]

    def close(self):
        with self.lock:
            self.closed = True
            workers, self.workers = list(self.workers), set()
        self.wanted.put(False)  # wakes the spawner, which sees it is closed
        for worker in workers:
            worker.kill()


def start(kb, directory: Path, size: int) -> tuple[Snapshots, WorkerPool]:
    snapshots, pool = Snapshots(kb, directory), WorkerPool(size)

    def stop():
        pool.close()
        snapshots.close()
    atexit.register(stop)
    return snapshots, pool
