"""A query worker: a child process that runs researchers' queries on a read-only snapshot of the store.

Started by :mod:`kb.endpoint_pool` as ``python -m kb.endpoint_worker FD`` where FD is its end of a
socket pair. It receives jobs (dicts, pickled by ``multiprocessing.connection``) and answers each with
``("ok", info, body)`` or ``("error", kind, message)``; ``info`` gives the CPU time the job took here
(``cpu``, of which ``write_cpu`` writing rows in Python), so that a request's cost can be split between
the web process and the worker (the ``Server-Timing`` header). It holds one snapshot open at a time and opens
the next one when a job names it. The parent kills it when a query outlives its time limit: nothing
here needs to be interruptible. It imports no rdflib, so a replacement starts in a fraction of a second.
"""
import itertools
import os
import sys
import time
from multiprocessing.connection import Connection

import pyoxigraph as ox

from kb.endpoint_results import (FORMATS, RESULTS_FORMATS, write_boolean, write_counted, write_graph,
                                 write_native, write_select)


def _die_with_parent():
    """Linux: be killed if the server dies, even in the middle of a query (best effort elsewhere)."""
    try:
        import ctypes
        import signal
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def run(store: ox.Store, job: dict) -> tuple:
    started, cpu_started = time.perf_counter(), time.process_time()
    options = {}
    if job.get("default_graph") is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in job["default_graph"]]
    if job.get("named_graphs") is not None:
        options["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
    limit = job["row_limit"]
    format = job["formats"]["select"]
    # One solution past the row limit says whether it cuts the answer, and so few that Oxigraph can
    # write them all. On a line of its own: after any comment.
    appended = job.get("limit_appendable") and format in RESULTS_FORMATS
    try:
        result = store.query(f"{job['query']}\nLIMIT {limit + 1}" if appended else job["query"], **options)
    except SyntaxError:
        if not appended:
            raise
        # The text did not take the LIMIT after all: run it as it came (its own error, if any, says why).
        appended, result = False, store.query(job["query"], **options)
    if isinstance(result, ox.QueryBoolean):
        kind = "ask"
    else:
        kind = "graph" if isinstance(result, ox.QueryTriples) else "select"
        format = job["formats"][kind]
    if format is None:
        return ("error", "not-acceptable", kind)
    truncated, count, write_cpu = False, 1, 0.0
    if kind == "ask":
        body = write_boolean(bool(result), format)
    elif kind == "graph":
        triples = list(itertools.islice(result, limit + 1))
        truncated, triples = len(triples) > limit, triples[:limit]
        body, count = write_graph(triples, format, job.get("prefixes") or {}, truncated), len(triples)
    elif appended:
        body, count, truncated = write_counted(result, format, limit)
    elif job.get("query_limit") is not None and job["query_limit"] <= limit and format in RESULTS_FORMATS:
        # The query's own LIMIT keeps it within the row limit: Oxigraph writes the rows, none in Python.
        body, count = write_native(result, format), None
    else:
        variables = [v.value for v in result.variables]
        rows = [tuple(solution) for solution in itertools.islice(result, limit + 1)]  # in variable order
        truncated, rows = len(rows) > limit, rows[:limit]
        writing = time.process_time()
        body, count = write_select(variables, rows, format, truncated), len(rows)
        write_cpu = time.process_time() - writing
    info = {"kind": kind, "format": format, "media_type": FORMATS[format][0], "truncated": truncated,
            "count": count, "seconds": time.perf_counter() - started,
            "cpu": time.process_time() - cpu_started, "write_cpu": write_cpu}
    return ("ok", info, body)


def serve(connection: Connection):
    store, opened = None, None
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            if job["snapshot"] != opened:
                store, opened = None, None
                store, opened = ox.Store.read_only(job["snapshot"]), job["snapshot"]
            answer = run(store, job)
        except SyntaxError as error:
            answer = ("error", "syntax", str(error))
        except Exception as error:  # an evaluation error of the user's query: a message, never a crash
            answer = ("error", "evaluation", f"{type(error).__name__}: {error}")
        connection.send(answer)


def main():
    _die_with_parent()
    connection = Connection(int(sys.argv[1]))
    try:
        connection.send(("ready", os.getpid()))
        serve(connection)
    except KeyboardInterrupt:  # Ctrl-C in the server's terminal reaches its whole process group
        pass


if __name__ == "__main__":
    main()
