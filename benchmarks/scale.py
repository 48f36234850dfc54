"""The KB at scale: import throughput against a bare Oxigraph bulk load, page times, a write's
incremental validation against a full pySHACL revalidation, cold start of ``claimkb serve``, memory.

``python -m benchmarks.scale [--sizes 100000 1000000]`` (``make bench``); its parts are in
``benchmarks/scaling/``. For each size, a KB is generated from LIAR (:mod:`benchmarks.scaling.generated`).
Sizes count quads in the store: named graphs, the current view and provenance.

- import: the generated records go through the importer (:func:`kb.importers.common.run`: batches,
  incremental validation, one transaction each). At the largest sizes a full validated import takes
  longer than the run's budget: the store is first seeded with all but the last ``--tail`` records
  (their quads bulk-loaded unvalidated), then the tail is imported and timed, *into the full-size store*;
  the rate is per quad either way. Bare baseline: ``pyoxigraph.Store.bulk_load`` of the N-Quads of the
  whole dataset into an empty store.
- pages (:mod:`benchmarks.scaling.pages`): ``/claims``, ``/claims?q=``, claim pages.
- write (:mod:`benchmarks.scaling.writes`): one anchored claim written through the facade (plan,
  incremental validation, commit), against ``validate_all()`` (a full pySHACL validation of the current
  view), the latter up to ``--full-max`` quads.
- cold start (:mod:`benchmarks.scaling.serve`): ``claimkb serve`` on the store until ``/`` answers; its peak
  memory after serving the pages.
Writes the section "Scale" of BENCHMARKS.md (:mod:`benchmarks.scaling.section`). ``--cold-start-only``
generates each store by bulk load alone and measures only the cold start, writing nothing.
``--import-only`` measures only the import, with CPU times by phase, and writes the section "Import"
(:mod:`benchmarks.scaling.imports`).
"""
import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from benchmarks.scaling import imports
from benchmarks.scaling.generated import LIAR, generate, seed_nquads
from benchmarks.scaling.pages import pages
from benchmarks.scaling.section import write_report
from benchmarks.scaling.serve import cold_starts, describe
from benchmarks.scaling.writes import bare_bulk_load, one_write, quads_in
from kb.connect import open_kb
from kb.importers import common, liar
from kb.knowledgebase import SYSTEM_AGENT


def run_size(rows, target: int, tail: int, full_max: int, work: Path, repeat: int, page_deadline: float,
             cold_runs: int) -> dict:
    print(f"== {target:,} quads", file=sys.stderr, flush=True)
    records, shared = generate(rows, target)
    seeded, imported = (records[:-tail], records[-tail:]) if 0 < tail < len(records) else ([], records)
    store_dir = work / f"kb-{target}"
    kb = open_kb(store_dir)
    if seeded:
        kb.store.load(seed_nquads(seeded, shared), "nq")
    before = quads_in(kb.store.oxigraph)
    state_report = common.Report()
    start = time.perf_counter()
    # Units the seed wrote are found in the store, as on any re-run: the importer skips them.
    common.run(kb, imported, shared, SYSTEM_AGENT, total=len(imported), report=state_report)
    import_seconds = time.perf_counter() - start
    total = quads_in(kb.store.oxigraph)
    written = total - before
    data = kb.store.dump("nq")
    bare = bare_bulk_load(data, work / f"bare-{target}")
    shutil.rmtree(work / f"bare-{target}", ignore_errors=True)
    result = {"target": target, "quads": total, "records": len(records), "imported": len(imported),
              "skipped": len(state_report.skipped), "import_s": import_seconds, "written": written,
              "import_rate": written / import_seconds, "bare_s": bare, "bare_rate": total / bare}
    print(f"   import {written:,} quads in {import_seconds:.1f} s; bare bulk load {total:,} in {bare:.1f} s",
          file=sys.stderr, flush=True)
    result["write_check_ms"], result["write_ms"] = one_write(kb)
    if total <= full_max:
        start = time.perf_counter()
        violations = kb.validate_all()
        result["full_s"] = time.perf_counter() - start
        result["full_violations"] = len(violations)
    kb.close()
    result["pages"] = pages(store_dir, repeat, page_deadline)
    print(f"   pages {result['pages']}", file=sys.stderr, flush=True)
    starts = cold_starts(store_dir, cold_runs)
    result["cold_s"], result["serve_mb"] = starts[:2]
    print(f"   write {result['write_check_ms']:.0f} ms, {describe(*starts)}", file=sys.stderr, flush=True)
    shutil.rmtree(store_dir, ignore_errors=True)
    return result


def cold_start_only(rows, target: int, work: Path, cold_runs: int):
    """The cold start alone, on a store of the same records bulk-loaded (what the full run's seed does)."""
    records, shared = generate(rows, target)
    store_dir = work / f"kb-{target}"
    kb = open_kb(store_dir)
    kb.store.load(seed_nquads(records, shared), "nq")
    total = quads_in(kb.store.oxigraph)
    kb.close()
    # As the full run's store is by the time it gets to the cold start (its import, write and pages open it
    # again and take minutes): the load's write-ahead log replayed (by opening the store) and its files
    # compacted. Otherwise the first server would do both: seconds, at 1,000,000 quads.
    settled = ox.Store(str(store_dir / "oxigraph"))
    settled.optimize()
    del settled
    print(f"{total:,} quads: {describe(*cold_starts(store_dir, cold_runs))}", flush=True)
    shutil.rmtree(store_dir, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--tail", type=int, default=1500,
                        help="records imported through the importer at sizes above --full-import (default 1500)")
    parser.add_argument("--full-import", type=int, default=150_000,
                        help="sizes up to this go through the importer whole (default 150,000)")
    parser.add_argument("--full-max", type=int, default=150_000,
                        help="largest size at which to time a full pySHACL revalidation (default 150,000)")
    parser.add_argument("--repeat", type=int, default=20, help="requests per page measure (default 20)")
    parser.add_argument("--page-deadline", type=float, default=180,
                        help="seconds for all page measures of one size (default 180)")
    parser.add_argument("--cold-runs", type=int, default=3,
                        help="starts of claimkb serve per size; the figure is their median (default 3)")
    parser.add_argument("--cold-start-only", action="store_true",
                        help="measure only the cold start (stores bulk-loaded, nothing written to BENCHMARKS.md)")
    parser.add_argument("--import-only", action="store_true",
                        help="measure only the import (wall and CPU, by phase) and write the section Import")
    parser.add_argument("--liar", type=Path, default=LIAR)
    args = parser.parse_args(argv)
    if not (args.liar / "train.tsv").is_file():
        sys.exit(f"benchmarks.scale: the LIAR dataset is not in {args.liar}")
    started = time.perf_counter()
    rows = liar.read(args.liar)
    results = []
    with tempfile.TemporaryDirectory(prefix="claimkb-bench-") as tmp:
        if args.import_only:
            found = [imports.measure(rows, size, 0 if size <= args.full_import else args.tail, Path(tmp))
                     for size in args.sizes]
            imports.write_section(found, "python -m benchmarks.scale " + " ".join(argv if argv is not None else sys.argv[1:]))
            return
        for size in args.sizes:
            if args.cold_start_only:
                cold_start_only(rows, size, Path(tmp), args.cold_runs)
                continue
            tail = 0 if size <= args.full_import else args.tail
            results.append(run_size(rows, size, tail, args.full_max, Path(tmp), args.repeat, args.page_deadline,
                                    args.cold_runs))
    if results:
        write_report(results, time.perf_counter() - started)


if __name__ == "__main__":
    main()
