"""How fast the readers' pages render, on the shipped KB and on a KB of about 100,000 claims.

The large KB is the shipped one plus copies of its claims, reviews and anchored sources under new IRIs
(``claim/<slug>-c<n>``...), with variations: a copy's article has its own headline and publisher (one of
PUBLISHERS, which also becomes the claimant of the article's own claims), about a third of its reviews have
another verdict, and review dates spread over two years. Agents, events and the other sources are shared,
as in a KB that follows one story in many articles. The copies are bulk-loaded straight into the store,
laid out as ``KnowledgeBase.ensure_loaded`` lays out a unit of work: its named graph, its copy in the default
graph (the current view) and its provenance in ``ckb:provenance``.

Each page is rendered by Flask's test client of ``web.create_app`` (no HTTP server: the figure is the
application's own time), WARMUP times then SAMPLES times; p50 and p95 in milliseconds. Writes the section
"Page render" of BENCHMARKS.md. Run by hand: ``.venv/bin/python -m benchmarks.browse`` (``--claims N`` for
another size, ``--keep DIR`` to keep the large store).
"""
import argparse
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from benchmarks import report
from kb.connect import open_kb
from kb.namespaces import BASE, CKB, PROVENANCE_GRAPH
from web import create_app

TARGET_CLAIMS = 100_000
PUBLISHERS = 250
WARMUP, SAMPLES = 2, 20
COPIES_PER_LOAD = 200  # copies bulk-loaded at once (about 700,000 quads)
VERDICTS = ["True", "MostlyTrue", "Mixture", "Misleading", "MostlyFalse", "False", "Unproven",
            "NotACheckableClaim", "Misquoted"]
ARTICLE = "touslestops-sora-article"
PAGES = [  # (what, path)
    ("home", "/"),
    ("claims index", "/claims"),
    ("search \"openai\"", "/claims?q=openai"),
    ("verdict facet (Misleading)", "/claims?verdict=https%3A%2F%2Fw3id.org%2Fclaimkb%23Misleading"),
    ("claim page", "/claim/sora-still-in-research-phase"),
    ("article page", f"/source/{ARTICLE}"),
]
TARGETS = {"shipped": 100, "claims index": 300, "claim page": 100}

B = re.escape(str(BASE))
COPIED = re.compile(rf"<({B}(?:graph/)?(?:(?:claim|review|anchor)/[^>#]+|source/(?:{ARTICLE}|evidence-file)))(?=[>#])")
PUBLISHER = f"<{BASE}agent/touslestops>"
VERDICT = re.compile(rf"<{re.escape(str(CKB))}verdict> <{re.escape(str(CKB))}(\w+)>")
REVIEW_DATE = re.compile(r'<http://schema\.org/datePublished> "(\d{4}-\d\d-\d\d)"\^\^<[^>]+> (<[^>]*graph/review/)')
HEADLINE = re.compile(r'(<http://schema\.org/headline> "[^"]*)(")')


def template() -> tuple[str, str]:
    """The shipped units that get copied, as N-Quads with markers: ``~C~`` after each copied IRI, ``~P~``
    for the publisher; and the publisher's own unit (for the PUBLISHERS agents)."""
    store = ox.Store()
    store.load(files("kb.data").joinpath("sora.trig").read_bytes(), format=ox.RdfFormat.TRIG)
    quads = store.dump(format=ox.RdfFormat.N_QUADS).decode()
    provenance = f"<{PROVENANCE_GRAPH}>"
    units, publisher = [], []
    for line in quads.splitlines():
        graph = line.rsplit(" ", 2)[-2]
        about = line.split(" ", 1)[0] if graph == provenance else graph
        if about == f"<{BASE}graph/agent/touslestops>":
            publisher.append(line)
        elif COPIED.match(about):
            units.append(line)
    marked = COPIED.sub(r"<\1~C~", "\n".join(units) + "\n").replace(PUBLISHER, f"<{BASE}agent/publisher-~P~>")
    return marked, "\n".join(publisher) + "\n"


def with_view(nquads: str) -> str:
    """The quads, plus each quad of a unit (not of ckb:provenance) again in the default graph."""
    provenance = f" <{PROVENANCE_GRAPH}> ."
    view = [line.rsplit(" ", 2)[0] + " ." for line in nquads.splitlines() if not line.endswith(provenance)]
    return nquads + "\n".join(view) + "\n"


def one_copy(marked: str, n: int) -> str:
    text = marked.replace("~C~", f"-c{n}").replace("~P~", str(n % PUBLISHERS))

    def verdict(match, counter=iter(range(10**6))):
        k = next(counter)
        shift = (n * 31 + k * 17) % 10
        if shift >= 3:
            return match.group(0)
        other = VERDICTS[(VERDICTS.index(match.group(1)) + shift + 1) % len(VERDICTS)]
        return match.group(0).replace(f"#{match.group(1)}>", f"#{other}>")

    def review_date(match):
        day = date.fromisoformat(match.group(1)) - timedelta(days=(n * 13) % 730)
        return match.group(0).replace(match.group(1), day.isoformat())
    text = VERDICT.sub(verdict, text)
    text = REVIEW_DATE.sub(review_date, text)
    return HEADLINE.sub(lambda m: f"{m.group(1)} (n° {n}){m.group(2)}", text)


def grow(kb, claims: int) -> int:
    """Bulk-load copies of the shipped claims until the KB holds about ``claims``; the number of claims."""
    store = kb.store.oxigraph
    have = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?c a <http://schema.org/Claim> }")))[0].value)
    marked, publisher = template()
    per_copy = marked.count(f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Claim>")
    copies = max(0, -(-(claims - have) // per_copy))
    agents = "".join(publisher.replace("agent/touslestops", f"agent/publisher-{k}")
                     .replace('"Touslestops"', f'"Publisher {k}"') for k in range(min(PUBLISHERS, copies)))
    store.bulk_load(with_view(agents).encode(), format=ox.RdfFormat.N_QUADS)
    for first in range(1, copies + 1, COPIES_PER_LOAD):
        batch = "".join(one_copy(marked, n) for n in range(first, min(copies, first + COPIES_PER_LOAD - 1) + 1))
        store.bulk_load(with_view(batch).encode(), format=ox.RdfFormat.N_QUADS)
    return have + copies * per_copy


def measure(client, path: str) -> tuple[float, float]:
    for _ in range(WARMUP):
        assert client.get(path).status_code == 200, path
    samples = []
    for _ in range(SAMPLES):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, path
    samples.sort()
    return statistics.median(samples), samples[max(0, round(0.95 * len(samples)) - 1)]


def measure_all(kb) -> dict:
    client = create_app({"KB": kb}).test_client()
    return {what: measure(client, path) for what, path in PAGES}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=TARGET_CLAIMS)
    parser.add_argument("--keep", type=Path, help="build the large store in this directory and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = open_kb(Path(tmp) / "shipped")
        shipped = measure_all(small)
        shipped_claims = int(small.select("browse/counts")[0]["claims"])
        small.close()
        directory = args.keep or Path(tmp) / "large"
        large = open_kb(directory)
        start = time.perf_counter()
        claims = grow(large, args.claims)
        load_seconds = time.perf_counter() - start
        quads = len(large.store.oxigraph)
        print(f"{claims:,} claims, {quads:,} quads, loaded in {load_seconds:.0f} s", file=sys.stderr)
        scaled = measure_all(large)
        large.close()
    write(shipped, shipped_claims, scaled, claims, quads, load_seconds)


def write(shipped: dict, shipped_claims: int, scaled: dict, claims: int, quads: int, load_seconds: float):
    rows = []
    for what, _path in PAGES:
        (p50, p95), (big50, big95) = shipped[what], scaled[what]
        rows.append((what, f"{p50:.1f}", f"{p95:.1f}", f"{big50:.1f}", f"{big95:.1f}", f"{big95 / p95:.1f}x"))
    environment = (f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
                   f"pyoxigraph {version('pyoxigraph')}, Flask {version('flask')}, rdflib {version('rdflib')}")
    paths = ", ".join(f"`{path}`" for _what, path in PAGES)
    report.write_section("Page render", [
        f"`python -m benchmarks.browse`: the readers' pages rendered by Flask's test client (the application's "
        f"own time, no HTTP), {WARMUP} warm-up renders then {SAMPLES} timed, on the shipped KB ({shipped_claims} "
        f"claims) and on a KB of {claims:,} claims ({quads:,} quads: copies of the shipped claims, reviews and "
        f"anchored articles with varied verdicts, dates and publishers, bulk-loaded in {load_seconds:.0f} s); "
        f"{environment}. Pages: {paths}.",
        "",
        report.table(("page", "shipped p50 (ms)", "shipped p95 (ms)", f"{claims // 1000}k p50 (ms)",
                      f"{claims // 1000}k p95 (ms)", "p95 ratio"), rows),
        "",
        *NOTES,
    ])


NOTES: list[str] = []

if __name__ == "__main__":
    main()
