"""Page times of the scale benchmark: the Flask test client of ``web.create_app({"KB": kb})`` on the
generated store (``/claims``, ``/claims?q=``, claim pages), in a child process that reports each page as
soon as it is measured, so that a page too slow for the deadline still leaves the others' figures."""
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kb.connect import open_kb

ROOT = Path(__file__).resolve().parents[2]  # the checkout
PAGES = ("/claim/<slug>", "/claims", "/claims?q=tax")


def timed(function, repeat: int, budget: float = 60) -> list[float]:
    """``repeat`` timings in ms, fewer if they use up ``budget`` seconds (at least one)."""
    samples = []
    began = time.perf_counter()
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
        if time.perf_counter() - began > budget:
            break
    return samples


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def pages(store: Path, repeat: int, deadline: float) -> dict:
    """Page times measured in a child process, stopped after ``deadline`` seconds: a page not measured by
    then is reported as slower than what was left."""
    process = subprocess.Popen([sys.executable, "-m", "benchmarks.scaling.pages", str(store), str(repeat)],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
    found, started = {}, time.perf_counter()
    try:
        process.wait(timeout=deadline)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for line in process.stdout.read().splitlines():
        path, measure = json.loads(line)
        found[path] = (tuple(measure[0]), measure[1])
    waited = time.perf_counter() - started
    for path in PAGES:
        found.setdefault(path, ((waited * 1000, waited * 1000), 0))
    return found


def page_times(store: Path, repeat: int):
    """The child process of :func:`pages`: one JSON line per page measure, as soon as it is done."""
    from web import create_app
    kb = open_kb(store)
    app = create_app({"KB": kb, "STORE_DIR": Path(tempfile.mkdtemp()), "SECRET_KEY": "bench"})
    client = app.test_client()
    claims = [row["c"] for row in kb.query("PREFIX schema: <http://schema.org/> SELECT ?c WHERE { "
                                           "?c a schema:Claim } LIMIT 2000").rows]
    rng = random.Random(7)

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)

    get("/claim/" + str(claims[0]).rsplit("/", 1)[-1])  # warm: the first request compiles templates
    paths = ["/claim/" + str(rng.choice(claims)).rsplit("/", 1)[-1] for _ in range(repeat * 3)]
    samples = []
    began = time.perf_counter()
    for path in paths:
        samples += timed(lambda: get(path), 1)
        if time.perf_counter() - began > 60:
            break
    print(json.dumps(["/claim/<slug>", [percentiles(samples), len(samples)]]), flush=True)
    for path in ("/claims", "/claims?q=tax"):
        samples = timed(lambda: get(path), repeat)
        print(json.dumps([path, [percentiles(samples), len(samples)]]), flush=True)


if __name__ == "__main__":
    page_times(Path(sys.argv[1]), int(sys.argv[2]))
