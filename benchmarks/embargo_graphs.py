"""What researchers' GRAPH queries cost on a remote store (``oxigraph serve``) as the history grows
(SECURITY.md, issue 8's finding on GRAPH queries). Builds a store: the shipped KB plus N synthetic note units (1 in 100 a draft review),
with provenance, the current view and the public view, bulk-loaded with `oxigraph load`; serves it;
measures the request claimkb sends (kb.embargo.public_dataset) and the latency of GRAPH queries with it,
against the same query on the whole dataset. Client CPU by getrusage, server CPU from /proc/<pid>/stat.
Usage: ``.venv/bin/python -m benchmarks.embargo_graphs [N ...] [--work DIR]`` (stores are kept in DIR,
default /tmp/claimkb-embargo-graphs, and reused by the next run); writes its section of BENCHMARKS.md.
"""
import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

from benchmarks import report
from kb import embargo
from kb.connect import open_kb
from kb.store.remote import RemoteStore
from tests.backends.oxigraph import OXIGRAPH, free_port

B = "https://w3id.org/claimkb/"
CKB = "https://w3id.org/claimkb#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
SCHEMA = "http://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SOURCE = B + "source/touslestops-sora-article"
CLAIM = B + "claim/sora-still-in-research-phase"


def build(n: int, work: Path) -> Path:
    shipped = work / "shipped"
    kb = open_kb(shipped, remote={})
    base = kb.store.dump("nq").decode()
    kb.close()
    lines = [base]
    # the public view: a copy of the default graph (the shipped KB holds no draft)
    quads = list(ox.parse(base.encode(), format=ox.RdfFormat.N_QUADS))
    pv = ox.NamedNode(CKB + "public-view")
    out = [ox.Quad(q.subject, q.predicate, q.object, pv) for q in quads if q.graph_name == ox.DefaultGraph()]
    lines.append(ox.serialize(out, format=ox.RdfFormat.N_QUADS).decode())
    t = '"2026-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>'
    buf = []
    for i in range(n):
        draft = i % 100 == 99
        unit = f"<{B}graph/{'review' if draft else 'note'}/bench-{i}>"
        s = f"<{B}{'review' if draft else 'note'}/bench-{i}>"
        if draft:
            triples = [f"{s} <{RDF}> <{SCHEMA}ClaimReview>", f"{s} <{SCHEMA}itemReviewed> <{CLAIM}>",
                       f"{s} <{CKB}status> <{CKB}Draft>", f'{s} <{SCHEMA}reviewBody> "draft {i}"@fr']
        else:
            triples = [f"{s} <{RDF}> <{OA}Annotation>", f"{s} <{OA}motivation> <{OA}commenting>",
                       f"{s} <{OA}hasBody> <{B}note/bench-{i}#body>", f'<{B}note/bench-{i}#body> <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> "note {i}"',
                       f"{s} <{OA}hasTarget> <{SOURCE}>", f"{s} <http://purl.org/dc/terms/created> {t}"]
        prov = f"<{CKB}{'embargoed-provenance' if draft else 'provenance'}>"
        for tr in triples:
            buf.append(f"{tr} {unit} .\n{tr} .\n")
            if not draft:
                buf.append(f"{tr} <{CKB}public-view> .\n")
        buf.append(f"{unit} <{RDF}> <{PROV}Entity> {prov} .\n{unit} <{PROV}wasAttributedTo> <{B}agent/claimkb> {prov} .\n"
                   f"{unit} <{PROV}generatedAtTime> {t} {prov} .\n")
    lines.append("".join(buf))
    data = work / "bench.nq"
    data.write_text("".join(lines))
    location = work / "oxigraph"
    subprocess.run([OXIGRAPH, "load", "--location", str(location), "--file", str(data)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return location


def cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(f, server_pid, runs=7):
    walls, clients, servers = [], [], []
    for _ in range(runs):
        r0, s0, w0 = resource.getrusage(resource.RUSAGE_SELF), cpu_of(server_pid), time.perf_counter()
        result = f()
        w1, r1, s1 = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF), cpu_of(server_pid)
        walls.append(w1 - w0)
        clients.append((r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime))
        servers.append(s1 - s0)
    return result, {"wall_ms": round(1000 * statistics.median(walls), 1),
                    "client_cpu_ms": round(1000 * statistics.median(clients), 1),
                    "server_cpu_ms": round(1000 * statistics.median(servers), 1)}


QUERIES = {
    "GRAPH <one unit>": f"SELECT ?p ?o WHERE {{ GRAPH <{B}graph/note/bench-5> {{ ?s ?p ?o }} }}",
    "GRAPH ?g, one subject": f"SELECT ?g ?p WHERE {{ GRAPH ?g {{ <{B}note/bench-5> ?p ?o }} }}",
    "GRAPH ?g, count all": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "default graph, one subject": f"SELECT ?p ?o WHERE {{ <{B}note/bench-5> ?p ?o }}",
}


def measure(n: int, work: Path):
    location = work / "oxigraph"
    port = free_port()
    log = open(work / "server.log", "ab")
    server = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                              stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    store = RemoteStore(url + "/query", url + "/update", timeout=600)
    for _ in range(300):
        try:
            store.ask("ASK {}"); break
        except Exception:
            time.sleep(0.1)
    results = {"units": n}
    _, results["list public graphs"] = timed(lambda: embargo.public_graphs(store), server.pid)
    for name, text in QUERIES.items():
        params, listing = timed(lambda: embargo.public_dataset(store, text), server.pid)
        size = len(urllib.parse.urlencode({"query": text, **params}, doseq=True))

        def run(p=params):
            with store.stream(text, "application/sparql-results+json", p, 600) as r:
                return r.read()
        body, query = timed(run, server.pid)
        _, whole = timed(lambda: run({}), server.pid)
        results[name] = {"request_bytes": size, "named_graphs": len(params.get("named-graph-uri", [])),
                         "public_dataset()": listing, "query with it": query, "same query, whole dataset": whole,
                         "answer": json.loads(body)["results"]["bindings"][:1]}
    server.terminate(); server.wait()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("units", type=int, nargs="*", default=[10_000, 100_000],
                        help="note units to add to the shipped KB (default: 10000 100000)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/claimkb-embargo-graphs"))
    args = parser.parse_args()
    rows, loads = [], []
    for n in args.units:
        work = args.work / f"store-{n}"
        if not (work / "oxigraph").exists():
            work.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            build(n, work)
            print(f"built the store of {n:,} units in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        loads.append(open("/proc/loadavg").read().split()[0])
        results = measure(n, work)
        listing = results.pop("list public graphs")
        for name in QUERIES:
            q = results[name]
            rows.append((f"{n:,}", f"`{name}`", f"{q['request_bytes']:,}", f"{q['named_graphs']:,}",
                         f"{q['public_dataset()']['wall_ms']} / {q['public_dataset()']['server_cpu_ms']}",
                         f"{q['query with it']['wall_ms']} / {q['query with it']['server_cpu_ms']}",
                         f"{q['same query, whole dataset']['wall_ms']}"))
        print(f"{n:,} units: listing the public graphs {listing}", file=sys.stderr)
    report.write_section("GRAPH queries on a remote store", [
        "`python -m benchmarks.embargo_graphs`: researchers' queries on a remote store (`oxigraph serve`) go with "
        "the public dataset (`kb.embargo.public_dataset`): a query whose `GRAPH` patterns all name their graph is "
        "sent with those graphs only; one with `GRAPH ?g` with every public unit as `named-graph-uri` (SECURITY.md, "
        "\"Known limits\"). Store: the shipped KB plus N note units, 1 in 100 a draft review, bulk-loaded; medians of "
        f"7 requests; store CPU from /proc. Load average at the start of each size: {', '.join(loads)}; "
        f"Python {platform.python_version()}, pyoxigraph {ox.__version__}.",
        "",
        report.table(("units", "query", "request (bytes)", "named graphs sent", "listing them: wall / store CPU (ms)",
                      "query with them: wall / store CPU (ms)", "same query, whole dataset: wall (ms)"), rows),
    ])


if __name__ == "__main__":
    main()
