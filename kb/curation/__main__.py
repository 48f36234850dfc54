"""``python -m kb.curation``: regenerate ``kb/data/`` from every ``kb/curation/*.toml``."""
import sys
from pathlib import Path

from kb.curation.build import build, trig

HERE = Path(__file__).parent
DATA = HERE.parent / "data"

for curated in sorted(HERE.glob("*.toml")):
    target = DATA / f"{curated.stem}.trig"
    dataset = build(curated)
    target.write_text(trig(dataset), encoding="utf-8")
    print(f"{curated.name} -> {target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target}: "
          f"{len(dataset)} quads", file=sys.stderr)
