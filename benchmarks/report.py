"""BENCHMARKS.md: one section per benchmark, rewritten in place by each run."""
import platform
import re
from datetime import date
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"
HEADER = "# Benchmarks\n\nFigures written by the scripts in `benchmarks/` (`make bench`). Tests never time anything.\n"


def table(header, rows) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def write_section(title: str, lines: list[str]):
    text = PATH.read_text(encoding="utf-8") if PATH.exists() else HEADER
    import os
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    body = f"## {title}\n\nMeasured {date.today().isoformat()} on {machine}.\n\n" + "\n".join(lines) + "\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: body + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + body
    PATH.write_text(text, encoding="utf-8")
    print(body)
