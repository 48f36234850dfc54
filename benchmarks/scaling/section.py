"""The "Scale" section of BENCHMARKS.md, from the results of :mod:`benchmarks.scale` (one dict per size)."""
import os
import platform
import resource
from importlib.metadata import version

from benchmarks import report
from kb.importers.common import BULK_BATCH

READING = """Reading the figures. Targets (issue 7): import within 3x of a bare bulk load, claims index p95 < 300 ms
and claim page p95 < 100 ms at 1,000,000 quads, cold start < 2 s, web process < 500 MB.

- Import: the section "Import" measures it alone (`python -m benchmarks.scale --import-only`), with CPU
  times by phase and what bounds it. The importer validates each batch with the shapes compiled to Python
  checks, pySHACL only for the nodes that fail them, and bulk-loads each batch while it validates the next
  (kb/importers/). The ratio is the bare bulk load's throughput over the import's (wall clock).
- Pages: these are repeated renders (the results every reader shares are kept until the next write), and
  they meet the targets at 1,000,000 quads. The first render after a write is slower (1 to 6 s for the
  claims index at about 1,000,000 quads; see "Page render", which measures it, and why).
- The write column is one write. At the smaller size it is the first validation of the benchmark's process,
  which most likely pays for preparing the shapes (once per process; the same write at the larger size,
  in the same process, took 20 ms). "Write" has p50 / p95 over 30 writes after warm-up.
- Cold start: the median of --cold-runs starts of `claimkb serve`, each a new process. At about 1,000,000
  quads the home page's first render was most of it, until its two slowest queries (latest reviews,
  verdict distribution) were written for Oxigraph's planner; pySHACL is imported at the first validation,
  not at start. What remains is imports, opening the store, its emptiness check (an ASK over every named
  graph, about 0.25 s at 1,000,000 quads) and the first render. Memory of `claimkb serve` meets its target
  (measured after a claim page and /claims).
- A full pySHACL revalidation takes about a minute at 100,000 quads and grows linearly (not run at
  1,000,000): incremental validation is what makes writes independent of the KB's size."""


def write_report(results: list[dict], seconds: float):
    def ms(measure):
        (p50, p95), count = measure
        return f"{p50:,.0f} / {p95:,.0f} ({count})" if count else f"> {p50:,.0f} (none finished)"
    rows = []
    for r in results:
        rows.append((f"{r['quads']:,}", f"{r['imported']:,} of {r['records']:,}", f"{r['import_rate']:,.0f}",
                     f"{r['bare_rate']:,.0f}", f"{r['bare_rate'] / r['import_rate']:.1f}x",
                     ms(r["pages"]["/claims"]), ms(r["pages"]["/claims?q=tax"]), ms(r["pages"]["/claim/<slug>"]),
                     f"{r['write_check_ms']:.0f} / {r['write_ms']:.0f}",
                     f"{r['full_s']:.0f} s" if "full_s" in r else "not run",
                     f"{r['cold_s']:.2f}", f"{r['serve_mb']:.0f}"))
    versions = (f"Python {platform.python_version()}, pyoxigraph {version('pyoxigraph')}, rdflib {version('rdflib')}, "
                f"pySHACL {version('pyshacl')}, Flask {version('flask')}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        f"`python -m benchmarks.scale` ({seconds / 60:.0f} min in all): {platform.machine()}, "
        f"{os.cpu_count()} cores, {platform.system()} {platform.release()}; {versions}.",
        "",
        "KBs generated from LIAR (copies with variations, plus synthetic articles with anchored claims). "
        "Quads count everything stored: named graphs, the current view, provenance. Page times in ms as "
        "p50 / p95 (samples; fewer where a page is slow: each measure stops after 60 s, all of them after "
        "--page-deadline).",
        "",
        report.table(("quads", "records through the importer", "import quads/s", "bare bulk load quads/s",
                      "ratio", "/claims", "/claims?q=", "claim page", "write: validation / total (ms)",
                      "full revalidation", "serve cold start (s)", "serve peak (MB)"), rows),
        "",
        f"Peak memory of the benchmark process: {peak:,.0f} MB. "
        f"Import: batches of {BULK_BATCH:,} records (the embedded store's default), validation processes = "
        "cores. Where not every record goes through the "
        "importer, the others were bulk-loaded first (seed), so the timed records are validated and written "
        "into a store of the full size.",
    ]
    lines += ["", READING]
    for r in results:
        if r.get("full_violations"):
            lines.append(f"\nFull validation at {r['quads']:,} quads reported {r['full_violations']} violations.")
    report.write_section("Scale", lines)
