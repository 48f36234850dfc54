"""Query latency through the researchers' endpoint against the same query on a bare Oxigraph server.

Both sides serve the same data over real HTTP: ``claimkb serve`` (the production path: Flask on werkzeug,
the query run by a worker process on a checkpoint of the store, results written within the row limit)
and ``oxigraph serve`` (the ``oxigraph`` package's server, no limits) on a RocksDB checkpoint of the
same store. The KB is the shipped one grown with copies of its claims, reviews and anchored articles
(:func:`benchmarks.browse.grow`) to about each size in quads (named graphs, current view, provenance).

Each query goes to both servers in turn (which one goes first alternates), WARMUP times then SAMPLES
times, from one client that opens a new connection per request as SPARQL clients do (urllib); SELECT
and ASK ask for SPARQL JSON, CONSTRUCT and DESCRIBE for Turtle. Writes the section "SPARQL endpoint" of
BENCHMARKS.md. Run by hand: ``.venv/bin/python -m benchmarks.endpoint`` (``--sizes 100000`` for one
size, ``--samples N``).
"""
import argparse
import json
import platform
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
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from benchmarks import report
from benchmarks.browse import grow, one_copy, template, with_view
from kb.connect import open_kb
from kb.endpoint import settings_from

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
CLAIM = "https://w3id.org/claimkb/claim/sora-still-in-research-phase"
SELECT_JSON, TURTLE = "application/sparql-results+json", "text/turtle"


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


def answer_size(body: bytes, accept: str) -> int:
    """Rows (JSON results) or triples (Turtle)."""
    if accept == SELECT_JSON:
        data = json.loads(body)
        return len(data["results"]["bindings"]) if "results" in data else 1
    return sum(1 for _ in ox.parse(body, format=ox.RdfFormat.TURTLE))


def measure(servers: dict, text: str, accept: str, samples: int) -> dict:
    times = {name: [] for name in servers}
    inside = []  # the endpoint's own time (Server-Timing): worker round trip, query, serialisation
    sizes, truncated = {}, False
    for warmup in range(WARMUP):
        for name, server in servers.items():
            milliseconds, body, headers = server.ask(text, accept)
            sizes[name] = answer_size(body, accept)
            truncated = truncated or headers.get("X-SPARQL-Truncated") == "true"
        if milliseconds > 1000:  # a slow query: one warm-up is enough
            break
    started = time.monotonic()
    for i in range(samples):
        order = list(servers.items()) if i % 2 == 0 else list(reversed(servers.items()))
        for name, server in order:
            milliseconds, _, headers = server.ask(text, accept)
            times[name].append(milliseconds)
            if "Server-Timing" in headers:
                inside.append(float(headers["Server-Timing"].split("dur=")[1]))
        if time.monotonic() - started > BUDGET_SECONDS and i + 1 >= MIN_SAMPLES:
            break
    return {"times": {n: percentiles(t) for n, t in times.items()}, "n": len(times["claimkb"]), "sizes": sizes,
            "truncated": truncated, "inside": statistics.median(inside)}


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
        results = {}
        for name, text, accept in [*QUERIES, LARGE]:
            results[name] = measure(servers, text, accept, samples)
            (a50, a95), (b50, b95) = results[name]["times"]["claimkb"], results[name]["times"]["oxigraph"]
            print(f"{name}: claimkb {a50:.1f}/{a95:.1f} ms (inside {results[name]['inside']:.1f}), "
                  f"oxigraph {b50:.1f}/{b95:.1f} ms, "
                  f"{a50 / b50:.2f}x, sizes {results[name]['sizes']}", file=sys.stderr, flush=True)
    finally:
        for server in servers.values():
            server.stop()
    shutil.rmtree(directory, ignore_errors=True)
    shutil.rmtree(bare, ignore_errors=True)
    return {"quads": count, "load_seconds": load_seconds, "results": results}


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


def _cell(run: dict, name: str) -> list[str]:
    result = run["results"][name]
    (a50, a95), (b50, b95) = result["times"]["claimkb"], result["times"]["oxigraph"]
    return [f"{b50:.1f} / {b95:.1f}", f"{a50:.1f} / {a95:.1f} ({result['inside']:.1f})", f"{a50 / b50:.2f}x",
            str(result["n"])]


def write(runs: list[dict], samples: int):
    header = ["query"]
    for run in runs:
        size = f"{run['quads']:,} quads"
        header += [f"{size}: oxigraph serve p50 / p95 (ms)", "claimkb p50 / p95 (endpoint's p50) (ms)", "p50 ratio",
                   "samples"]
    rows = [[name, *[c for run in runs for c in _cell(run, name)]] for name, _, _ in [*QUERIES, LARGE]]
    typical = [name for name, _, _ in QUERIES]
    within = {run["quads"]: sum(1 for name in typical if _ratio(run, name) <= TARGET) for run in runs}
    notes = []
    # Rows of SELECT answers (runs saved before graphs were parsed counted Turtle statements roughly).
    rows_counted = {name for name, _, accept in [*QUERIES, LARGE] if accept == SELECT_JSON}
    for run in runs:
        differing = [f"{name} ({r['sizes']['claimkb']:,} rows vs {r['sizes']['oxigraph']:,})"
                     for name, r in run["results"].items()
                     if name in rows_counted and r["sizes"]["claimkb"] != r["sizes"]["oxigraph"]]
        if differing:
            notes.append(f"At {run['quads']:,} quads, answers of different sizes (the endpoint stops at its row "
                         f"limit): {', '.join(differing)}.")
    limits = settings_from({})
    sizes = " and ".join(f"{run['quads']:,}" for run in runs)
    loads = " and ".join(f"{run['load_seconds']:.0f}" for run in runs)
    environment = (f"{platform.machine()}, Python {platform.python_version()}, pyoxigraph {version('pyoxigraph')}, "
                   f"oxigraph server {version('oxigraph')}, Flask {version('flask')}, werkzeug {version('werkzeug')}")
    report.write_section("SPARQL endpoint", [
        f"`python -m benchmarks.endpoint`: the same queries over HTTP to `claimkb serve` (`/sparql`: Flask on "
        f"werkzeug's threaded server, each query run by a worker process on a RocksDB checkpoint of the store, "
        f"row limit {limits['SPARQL_ROW_LIMIT']:,}, time limit raised to {TIME_LIMIT} s with `--sparql-time-limit` so that the slowest queries finish) and to a bare "
        f"`oxigraph serve` on a checkpoint of the same store; KBs grown from the shipped one "
        f"(`benchmarks.browse.grow`) to {sizes} quads (named graphs, "
        f"current view, provenance; bulk-loaded in {loads} s). "
        f"One client, a new connection per request (urllib), the two servers asked in turn; {WARMUP} warm-up "
        f"requests then up to {samples} timed per query and server (fewer when a query's samples passed "
        f"{BUDGET_SECONDS} s). SELECT/ASK as SPARQL JSON, CONSTRUCT/DESCRIBE as Turtle. In brackets, the "
        f"endpoint's own time as its `Server-Timing` header gives it (queue, worker round trip, query, "
        f"serialisation): the rest of the difference is HTTP and Flask. The machine was "
        f"shared with other jobs during the run (2 cores), so single figures are noisy; {environment}.",
        "",
        report.table(header, rows),
        "",
        f"Target (issue 5): the endpoint within {TARGET}x of the bare server for typical queries (every row "
        f"but the last): met by {', '.join(f'{n} of {len(typical)} at {q:,} quads' for q, n in within.items())} "
        "(p50 ratio).",
        *([""] + notes if notes else []),
        "",
        *NOTES,
    ])


def _ratio(run: dict, name: str) -> float:
    times = run["results"][name]["times"]
    return times["claimkb"][0] / times["oxigraph"][0]


NOTES = [  # what the figures of the last run (2026-11-25) say, from the profiling done with it
    "Reading the figures. The target is met at 100,000 quads for most competency questions and missed at "
    "1,000,000, and for every query of a few milliseconds at both sizes. What the endpoint adds:",
    "",
    "- A fixed cost per request of about 2-4 ms on this machine, mostly outside the endpoint (its own time, in "
    "brackets, is within a millisecond of the bare server for ASK and the lookup): werkzeug's HTTP server and "
    "Flask. In process (Flask's test client, shipped KB, medians of 300), an ASK costs 0.1 ms on the store, "
    "0.3 ms through the endpoint (worker round trip) and 1.0 ms through Flask. It makes every query under "
    "about 10 ms miss 1.3x; a faster HTTP server in front of the app (not werkzeug's) is what would reduce it.",
    "- The large ratios at 1,000,000 quads are wall-clock and not steady in CPU. Over competency questions "
    "1-8 of this run the query worker used 109.7 s of CPU and `oxigraph serve` 57.7 s (from /proc); measured "
    "again request by request afterwards (three each after a warm-up, same stores), the CPU per request was "
    "Q9 0.68 s vs 0.53 s, then 0.59 s vs 0.58 s; Q2 0.69 s vs 0.41 s, then 0.65 s vs 0.64 s; Q6 3.28 s vs "
    "2.31 s; 10,000 rows written by pyoxigraph 0.10 s vs 0.12 s. In fresh processes a query costs about the "
    "same CPU on the endpoint's snapshot opened read-only as on the store opened read-write (Q9 0.51-0.61 s "
    "vs 0.57-0.71 s), and through pyoxigraph as through the `oxigraph` command (Q6 2.75 s vs 2.95 s): the "
    "engine and the checkpoint are not the cause. Writing rows in Python (queries without a LIMIT within the "
    "row limit) is a cost of its own for long answers. The rest is not explained yet; next: the worker "
    "reporting its own CPU time per job, and a run on a quiet machine.",
    "- The machine was oversubscribed during the run (load average 7-11 on 2 cores): wall times were 4-7x the "
    "CPU times, and the endpoint's path has more processes to schedule (client, web process, worker) than the "
    "bare server's, which inflates the wall-clock ratios above their CPU ratios (Q6 at 1,000,000, measured "
    "after the run: 1.4x CPU, 1.8x wall).",
    "- Changes made from this profiling: a query whose own LIMIT keeps it within the row limit has its rows "
    "written by pyoxigraph's serializer in the worker (in process at 100,000 quads, 10,000 rows through the "
    "endpoint took 2.1x the time of the direct query when written in Python, 0.9x when written by pyoxigraph), "
    "and the most recently used worker takes the next query (warm caches, snapshot already open).",
]

if __name__ == "__main__":
    main()
