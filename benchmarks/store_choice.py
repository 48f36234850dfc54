"""Which way to reach Oxigraph: pyoxigraph directly, or rdflib through the oxrdflib store plugin?

Same on-disk Oxigraph engine both ways; measured side by side in one run on the shipped KB replicated
to about 100,000 triples: bulk load time, and the median time of each competency query.
Writes the figures to BENCHMARKS.md (section "Store access").
"""
import platform
import statistics
import tempfile
import time
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
import rdflib

from benchmarks import report
from kb.namespaces import BASE

REPEAT = 20
TARGET_TRIPLES = 100_000


def replicated_nquads() -> bytes:
    """The shipped dataset copied under renamed IRIs until it holds about TARGET_TRIPLES quads."""
    text = files("kb.data").joinpath("sora.trig").read_text(encoding="utf-8")
    one = ox.Store()
    one.load(text.encode(), format=ox.RdfFormat.TRIG)
    quads = one.dump(format=ox.RdfFormat.N_QUADS).decode()
    copies = max(1, TARGET_TRIPLES // (2 * quads.count("\n")))
    base = str(BASE)
    replicated = ox.Store()
    replicated.load("".join(quads if i == 0 else quads.replace(base, f"{base}copy{i}/")
                            for i in range(copies)).encode(), format=ox.RdfFormat.N_QUADS)
    # As in the KB: the default graph is the current view, a copy of the units' triples.
    replicated.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return replicated.dump(format=ox.RdfFormat.N_QUADS)


def competency_queries() -> dict[str, str]:
    folder = files("kb.queries").joinpath("competency")
    return {r.name: r.read_text(encoding="utf-8") for r in sorted(folder.iterdir(), key=lambda r: r.name)
            if r.name.endswith(".rq")}


def timed(function) -> float:
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main():
    data = replicated_nquads()
    queries = competency_queries()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        store = ox.Store(str(Path(tmp) / "direct"))
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        load_direct = time.perf_counter() - start
        triples = len(store)

        start = time.perf_counter()
        dataset = rdflib.Dataset(store="Oxigraph")
        dataset.open(str(Path(tmp) / "plugin"), create=True)
        dataset.parse(data=data, format="nquads")
        load_plugin = time.perf_counter() - start

        rows.append(("load (s)", f"{load_direct:.2f}", f"{load_plugin:.2f}", f"{load_plugin / load_direct:.1f}x"))
        for name, text in queries.items():
            direct = timed(lambda: list(store.query(text)))
            plugin = timed(lambda: list(dataset.query(text)))
            rows.append((f"{name} (ms)", f"{direct:.1f}", f"{plugin:.1f}", f"{plugin / direct:.1f}x"))
    environment = (f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
                   f"pyoxigraph {version('pyoxigraph')}, rdflib {version('rdflib')}, oxrdflib {version('oxrdflib')}")
    report.write_section("Store access", [
        f"`python -m benchmarks.store_choice`: {triples:,} quads (the shipped KB replicated), median of {REPEAT} runs, "
        f"{environment}. Baseline: pyoxigraph called directly.",
        "",
        report.table(("measure", "pyoxigraph", "rdflib + oxrdflib", "ratio"), rows),
        "",
        "Both sides query the default graph (the current view, as in the KB). Choice: pyoxigraph directly. Both run the same engine; the plugin pays for converting every "
        "result term to rdflib and for rdflib's query layer.",
    ])


if __name__ == "__main__":
    main()
