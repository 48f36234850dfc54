"""Fixtures of the importer tests: the real LIAR files (skipped without ../shared), small samples of them,
and a store that holds only the vocabulary (an "empty" KB that imports can validate against)."""
import os
from pathlib import Path

import pytest

from kb.connect import open_kb
from kb.importers.common import ensure_vocabulary
from tests import backends
from tests.conftest import SHARED

LIAR = SHARED / "data" / "liar"
SAMPLE_ROWS = 20


def pytest_collection_modifyitems(config, items):
    if os.environ.get("CLAIMKB_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: set CLAIMKB_SLOW=1 to run it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def liar_dir() -> Path:
    if not (LIAR / "train.tsv").is_file():
        pytest.skip(f"the LIAR dataset is not in {LIAR} (it comes with ../shared, never with the repository)")
    return LIAR


@pytest.fixture
def liar_sample(liar_dir, tmp_path) -> Path:
    """The first rows of each LIAR file: 60 statements, one of which (valid.tsv:2) has no context."""
    folder = tmp_path / "liar"
    folder.mkdir()
    for name in ("train.tsv", "valid.tsv", "test.tsv"):
        lines = (liar_dir / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / name).write_text("".join(lines[:SAMPLE_ROWS]), encoding="utf-8")
    return folder


@pytest.fixture
def empty_kb(tmp_path):
    """A store holding the vocabulary and nothing else."""
    kb = open_kb(tmp_path / "empty", remote=backends.remote_for(tmp_path / "empty"), load=False)
    ensure_vocabulary(kb)
    yield kb
    kb.close()
