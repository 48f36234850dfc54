"""Query latency through the researchers' endpoint against the same query on a bare Oxigraph server.

Both sides serve the same data over real HTTP: ``claimkb serve`` (as the embedded store is deployed:
waitress, a SPARQL client's query answered in front of Flask by ``web.sparql.direct``,
run by a worker process on a checkpoint of the store, results written within the row limit)
and ``oxigraph serve`` (the ``oxigraph`` package's server, no limits) on a RocksDB checkpoint of the
same store. The KB is the shipped one grown with copies of its claims, reviews and anchored articles
(:func:`benchmarks.browse.grow`) to about each size in quads (named graphs, current view, provenance).

Both servers open their store read-write, and RocksDB compacts a freshly bulk-loaded store in the
background: measuring starts once neither store's table files have changed for a few seconds. Each query
goes to both servers in turn (which one goes first alternates), WARMUP times then SAMPLES times, from one
client that opens a new connection per request as SPARQL clients do (urllib); SELECT and ASK ask for
SPARQL JSON, CONSTRUCT and DESCRIBE for Turtle. Besides wall-clock times, the CPU time each server's
processes used per request (from /proc, Linux; for claimkb the web process, the workers, and the worker's
own count from ``Server-Timing``): on a shared machine it is steadier than wall clock. Writes the section
"SPARQL endpoint" of BENCHMARKS.md. Run by hand: ``.venv/bin/python -m benchmarks.endpoint`` (``--sizes 100000`` for one
size, ``--samples N``).
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from benchmarks.browse import grow, one_copy, template, with_view
from benchmarks.reporting.endpoint import claimkb_cpu_text, cpu_text, write
from kb.connect import open_kb

ROOT = Path(__file__).resolve().parents[1]
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
SIZES = (100_000, 1_000_000)
WARMUP, SAMPLES = 2, 20
BUDGET_SECONDS = 60  # per query and size: a slow query gets fewer samples rather than a longer run
MIN_SAMPLES = 3
# Generous for the benchmark, so that the slowest competency questions finish at 1,000,000 quads on both
# sides; the default (10 s) would stop them on the endpoint and leave nothing to compare.
TIME_LIMIT = 300
TARGET = 1.3
FAST_MILLISECONDS, CPU_REQUESTS = 30, 200  # queries this fast get this many more requests, for CPU only
CLAIM = "https://w3id.org/claimkb/claim/sora-still-in-research-phase"
SELECT_JSON, TURTLE = "application/sparql-results+json", "text/turtle"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def competency() -> list[tuple[str, str, str]]:
    found = []
    for resource in sorted(files("kb.queries").joinpath("competency").iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".rq"):
            text = resource.read_text(encoding="utf-8")
            if resource.name.startswith("08-"):  # it asks for a claim to be bound: over HTTP, a VALUES clause
                text += f"VALUES ?claim {{ <{CLAIM}> }}\n"
            found.append((resource.name.removesuffix(".rq"), text, SELECT_JSON))
    return found


QUERIES = [  # (name, text, Accept); the "typical" ones, then one answer at the row limit
    *competency(),
    ("COUNT of claims", "SELECT (COUNT(?c) AS ?n) WHERE { ?c a <http://schema.org/Claim> }", SELECT_JSON),
    ("lookup by IRI", f"SELECT ?p ?o WHERE {{ <{CLAIM}> ?p ?o }}", SELECT_JSON),
    ("page of 100 claims", "PREFIX schema: <http://schema.org/>\nSELECT ?claim ?text ?author WHERE {\n"
     "  ?claim a schema:Claim ; schema:text ?text ; schema:author ?author .\n} LIMIT 100 OFFSET 1000",
     SELECT_JSON),
    ("ASK", f"ASK {{ <{CLAIM}> a <http://schema.org/Claim> }}", SELECT_JSON),
    ("DESCRIBE a claim", f"DESCRIBE <{CLAIM}>", TURTLE),
    ("CONSTRUCT 1,000 triples", "PREFIX schema: <http://schema.org/>\nCONSTRUCT { ?claim schema:text ?text } "
     "WHERE { ?claim a schema:Claim ; schema:text ?text } LIMIT 1000", TURTLE),
]
LARGE = ("10,000 rows (the row limit)", "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10000", SELECT_JSON)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(directory: Path, quads: int) -> tuple[Path, int, float]:
    """A claimkb store of about ``quads`` quads in ``directory``, and a checkpoint of it for the bare server."""
    kb = open_kb(directory)
    store = kb.store.oxigraph
    marked, _ = template()
    per_copy = len(with_view(one_copy(marked, 1)).splitlines())
    claims_per_copy = marked.count("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Claim>")
    have = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?c a <http://schema.org/Claim> }")))[0].value)
    copies = max(0, round((quads - len(store)) / per_copy))
    started = time.perf_counter()
    grow(kb, have + copies * claims_per_copy)
    seconds = time.perf_counter() - started
    count = len(store)
    bare = directory.parent / f"{directory.name}-bare"
    kb.store.backup(bare)
    kb.close()
    return bare, count, seconds


class Server:
    def __init__(self, command: list[str], url: str, log: Path):
        self.url, self.log = url, log
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log.open("w"))
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(self.url + "?query=ASK%7B%7D", timeout=30).read()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"{command[0]} did not start: {log.read_text()}")
                time.sleep(0.1)

    def cpu_seconds(self) -> tuple[float, float] | None:
        """CPU time used so far by the server's process and by its child processes (the query workers), from
        /proc (Linux); None where there is no /proc."""
        try:
            children = []
            for task in Path(f"/proc/{self.process.pid}/task").iterdir():
                children += [int(pid) for pid in (task / "children").read_text().split()]
            return _cpu_seconds(self.process.pid), sum(_cpu_seconds(pid) for pid in children)
        except OSError:
            return None

    def ask(self, text: str, accept: str) -> tuple[float, bytes, dict]:
        request = urllib.request.Request(self.url, urllib.parse.urlencode({"query": text}).encode(),
                                         {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            body = response.read()
        return (time.perf_counter() - started) * 1000, body, dict(response.headers.items())

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def settle(directories: list[Path], seconds: float = 5, longest: float = 300):
    """Wait until the stores' table files have not changed for ``seconds``: both servers open their store
    read-write, and RocksDB then compacts a bulk-loaded store in the background for a while."""
    def layout():
        return [sorted(p.name for p in d.iterdir() if p.suffix == ".sst") for d in directories]
    seen, since, started = layout(), time.monotonic(), time.monotonic()
    while time.monotonic() - since < seconds and time.monotonic() - started < longest:
        time.sleep(0.5)
        if (now := layout()) != seen:
            seen, since = now, time.monotonic()


def answer_size(body: bytes, accept: str) -> int:
    """Rows (JSON results) or triples (Turtle)."""
    if accept == SELECT_JSON:
        data = json.loads(body)
        return len(data["results"]["bindings"]) if "results" in data else 1
    return sum(1 for _ in ox.parse(body, format=ox.RdfFormat.TURTLE))


def measure(servers: dict, text: str, accept: str, samples: int) -> dict:
    times = {name: [] for name in servers}
    inside, worker_cpu = [], []  # the endpoint's own figures (Server-Timing): wall time, the worker's CPU
    sizes, truncated = {}, False
    for warmup in range(WARMUP):
        for name, server in servers.items():
            milliseconds, body, headers = server.ask(text, accept)
            sizes[name] = answer_size(body, accept)
            truncated = truncated or headers.get("X-SPARQL-Truncated") == "true"
        if milliseconds > 1000:  # a slow query: one warm-up is enough
            break
    cpu = {name: [0.0, 0.0, 0] for name in servers}  # CPU seconds of the process, of its children; requests
    started = time.monotonic()
    for i in range(samples):
        order = list(servers.items()) if i % 2 == 0 else list(reversed(servers.items()))
        for name, server in order:
            milliseconds, headers = _timed(server, text, accept, cpu[name])
            times[name].append(milliseconds)
            if "Server-Timing" in headers:
                timing = server_timing(headers["Server-Timing"])
                inside.append(timing["query"])
                if "worker-cpu" in timing:
                    worker_cpu.append(timing["worker-cpu"])
        if time.monotonic() - started > BUDGET_SECONDS and i + 1 >= MIN_SAMPLES:
            break
    # CPU is counted in clock ticks (10 ms): for a fast query, more requests, so that the mean means something.
    if max(statistics.median(t) for t in times.values()) < FAST_MILLISECONDS:
        for _ in range(CPU_REQUESTS):
            for name, server in servers.items():
                _timed(server, text, accept, cpu[name])
    return {"times": {n: percentiles(t) for n, t in times.items()}, "n": len(times["claimkb"]), "sizes": sizes,
            "truncated": truncated, "inside": statistics.median(inside),
            "worker_cpu": statistics.fmean(worker_cpu) if worker_cpu else None,
            # means: the clock ticks are coarser than a fast query, their sum is not
            "cpu": {n: (own + children) / count * 1000 if count else None
                    for n, (own, children, count) in cpu.items()},
            "cpu_split": {n: [own / count * 1000, children / count * 1000] if count else None
                          for n, (own, children, count) in cpu.items()},
            "cpu_requests": {n: count for n, (_, _, count) in cpu.items()}}


def _timed(server, text: str, accept: str, cpu: list) -> tuple[float, dict]:
    """One request; its CPU time is added to ``cpu`` (process, children, requests) where /proc tells it."""
    before = server.cpu_seconds()
    milliseconds, _, headers = server.ask(text, accept)
    after = server.cpu_seconds()
    if before is not None and after is not None:
        cpu[0] += after[0] - before[0]
        cpu[1] += after[1] - before[1]
        cpu[2] += 1
    return milliseconds, headers


def server_timing(header: str) -> dict[str, float]:
    """``query;dur=12.3, worker-cpu;dur=10.1`` -> {"query": 12.3, "worker-cpu": 10.1} (milliseconds)."""
    found = {}
    for entry in header.split(","):
        name, _, params = entry.strip().partition(";")
        for param in params.split(";"):
            if param.strip().startswith("dur="):
                found[name] = float(param.strip()[4:])
    return found


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, round(0.95 * len(samples)) - 1)]


def run_size(quads: int, work: Path, samples: int) -> dict:
    directory = work / f"store-{quads}"
    bare, count, load_seconds = build(directory, quads)
    print(f"== {count:,} quads (built in {load_seconds:.0f} s)", file=sys.stderr, flush=True)
    port, bare_port = free_port(), free_port()
    servers = {}
    try:
        servers["claimkb"] = Server([sys.executable, "-m", "kb.cli", "serve", "--store", str(directory),
                                     "--port", str(port), "--sparql-time-limit", str(TIME_LIMIT)],
                                    f"http://127.0.0.1:{port}/sparql", work / "claimkb.log")
        servers["oxigraph"] = Server([OXIGRAPH, "serve", "--location", str(bare), "--bind", f"127.0.0.1:{bare_port}"],
                                     f"http://127.0.0.1:{bare_port}/query", work / "oxigraph.log")
        settle([directory / "oxigraph", bare])
        loadavg = [os.getloadavg()[0]]
        results = {}
        for name, text, accept in [*QUERIES, LARGE]:
            results[name] = measure(servers, text, accept, samples)
            (a50, a95), (b50, b95) = results[name]["times"]["claimkb"], results[name]["times"]["oxigraph"]
            print(f"{name}: claimkb {a50:.1f}/{a95:.1f} ms (inside {results[name]['inside']:.1f}), "
                  f"oxigraph {b50:.1f}/{b95:.1f} ms, {a50 / b50:.2f}x; CPU per request "
                  f"{claimkb_cpu_text(results[name])} vs {cpu_text(results[name], 'oxigraph')} ms, "
                  f"sizes {results[name]['sizes']}", file=sys.stderr, flush=True)
        loadavg.append(os.getloadavg()[0])
    finally:
        for server in servers.values():
            server.stop()
    shutil.rmtree(directory, ignore_errors=True)
    shutil.rmtree(bare, ignore_errors=True)
    return {"quads": count, "load_seconds": load_seconds, "results": results, "loadavg": loadavg}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--samples", type=int, default=SAMPLES)
    parser.add_argument("--no-report", action="store_true", help="print the figures, leave BENCHMARKS.md as it is")
    parser.add_argument("--save", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--report-from", type=Path, help="write the section from a --save file, run nothing")
    args = parser.parse_args()
    if args.report_from:
        saved = json.loads(args.report_from.read_text())
        write(saved["runs"], saved["samples"])
        return
    with tempfile.TemporaryDirectory() as tmp:
        runs = [run_size(quads, Path(tmp), args.samples) for quads in args.sizes]
    if args.save:
        args.save.write_text(json.dumps({"runs": runs, "samples": args.samples}))
    if not args.no_report:
        write(runs, args.samples)


if __name__ == "__main__":
    main()
