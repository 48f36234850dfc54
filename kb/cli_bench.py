"""``claimkb bench``: the benchmarks of ``benchmarks/``, run one after the other, each writing its section
of BENCHMARKS.md (what ``make bench`` runs). They live in the source checkout, not in the installed
package: they need ``../shared/data/liar`` beside it and minutes to hours of machine time."""
import argparse
import subprocess
import sys
from pathlib import Path

COMMANDS = ("bench",)
# In the order `make bench` runs them; each is `python -m benchmarks.<name>`.
BENCHMARKS = {
    "store_choice": "embedded pyoxigraph against rdflib + oxrdflib (minutes)",
    "scale": "imports, pages, writes, cold start and memory at 100,000 and 1,000,000 quads (about an hour)",
    "endpoint": "SPARQL endpoint against a bare oxigraph server (tens of minutes)",
    "write": "one annotation write against a full pySHACL revalidation (about 15 minutes)",
    "browse": "the readers' pages on the shipped KB and on a large one (tens of minutes)",
    "embargo_graphs": "researchers' GRAPH queries on a remote store as the history grows (minutes)",
}
CHECKOUT = Path(__file__).resolve().parents[1]


def add_parsers(commands, common):
    bench = commands.add_parser("bench", parents=[common], help="run the benchmarks (source checkout only); figures go to BENCHMARKS.md",
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                description="benchmarks:\n" + "\n".join(f"  {name}: {what}" for name, what in BENCHMARKS.items()))
    bench.add_argument("which", nargs="*", metavar="NAME", help="which benchmarks to run (default: all)")


def run(args) -> int:
    unknown = [name for name in args.which if name not in BENCHMARKS]
    if unknown:
        print(f"claimkb: no benchmark {', '.join(unknown)}; choose among {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    if not (CHECKOUT / "benchmarks" / "scale.py").is_file():
        print("claimkb: the benchmarks run from a source checkout (git clone, then `make bench`); "
              "this installation has none", file=sys.stderr)
        return 2
    for name in args.which or BENCHMARKS:
        print(f"claimkb bench: {name} — {BENCHMARKS[name]}", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, "-m", f"benchmarks.{name}"], cwd=CHECKOUT)
        if done.returncode:
            print(f"claimkb bench: {name} failed (exit {done.returncode}); the sections already written stay",
                  file=sys.stderr)
            return done.returncode
    return 0
