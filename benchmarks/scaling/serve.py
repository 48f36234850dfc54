"""Cold start of ``claimkb serve`` in the scale benchmark: seconds from launching it on an existing store
until ``/`` answers, then its peak memory once it has also served a claim page and the claims index.

Each start is a new process, as after a restart; the figure is the median of several, as the elapsed time
of one start on a shared machine says more about the machine's other jobs than about the server.

``python -m benchmarks.scaling.serve DIR [--runs N]`` measures a data directory as it is (nothing written
to BENCHMARKS.md): the figures of ``python -m benchmarks.scale --cold-start-only``, without generating."""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_cold_start(store: Path) -> tuple[float, float, float]:
    """Seconds until ``claimkb serve`` answers ``/``; its peak memory (MB) after the claims index and pages;
    the CPU seconds it used until ``/`` answered (on a shared machine, steadier than the elapsed time)."""
    port = free_port()
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "kb.cli", "serve", "--store", str(store), "--port", str(port)],
                               cwd=ROOT, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=60).read()
                break
            except OSError:
                if process.poll() is not None or time.perf_counter() - start > 120:
                    raise RuntimeError("claimkb serve did not start")
                time.sleep(0.02)
        cold = time.perf_counter() - start
        cpu = cpu_seconds(process.pid)
        for path in ("/claim/liar-2635", "/claims"):
            try:
                urllib.request.urlopen(url + path, timeout=90).read()
            except OSError:  # a page slower than 5 minutes: the memory so far is still the figure
                pass
        status = Path(f"/proc/{process.pid}/status").read_text()
        peak = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024
    finally:
        process.terminate()
        process.wait(timeout=30)
    return cold, peak, cpu


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (``/proc/PID/stat``, fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cold_starts(store: Path, runs: int) -> tuple[float, float, list[float], list[float]]:
    """The median cold start of ``runs`` starts, the largest peak memory, every start's seconds and every
    start's CPU seconds."""
    measures = [serve_cold_start(store) for _ in range(runs)]
    seconds = [cold for cold, _, _ in measures]
    return statistics.median(seconds), max(peak for _, peak, _ in measures), seconds, [cpu for _, _, cpu in measures]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="a data directory (``claimkb serve --store DIR``)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(describe(*cold_starts(args.store, args.runs)))


def describe(median: float, peak: float, seconds: list[float], cpu: list[float]) -> str:
    return (f"cold start {median:.2f} s (median of {len(seconds)}: {', '.join(f'{s:.2f}' for s in seconds)}; "
            f"CPU {', '.join(f'{c:.2f}' for c in cpu)} s), serve peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
