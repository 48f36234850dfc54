"""Shared fixtures: real on-disk stores in temporary directories, the shipped KB loaded once per session."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

from kb.connect import open_kb

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "kb" / "fixtures"


@pytest.fixture(scope="session")
def shipped_dir(tmp_path_factory) -> Path:
    """A data directory holding the shipped KB, loaded once and closed: a template that tests copy, never open."""
    directory = tmp_path_factory.mktemp("shipped")
    open_kb(directory).close()
    return directory


@pytest.fixture(scope="session")
def shipped_kb(shipped_dir, tmp_path_factory):
    """The shipped KB, read-only: tests that write use ``kb``."""
    copy = tmp_path_factory.mktemp("shipped-read") / "store"
    shutil.copytree(shipped_dir, copy)
    kb = open_kb(copy)
    yield kb
    kb.close()


@pytest.fixture
def data_dir(shipped_dir, tmp_path) -> Path:
    """A fresh data directory holding a copy of the shipped KB, for tests that write."""
    target = tmp_path / "store"
    shutil.copytree(shipped_dir, target)
    return target


@pytest.fixture
def kb(data_dir):
    kb = open_kb(data_dir)
    yield kb
    kb.close()


def run_cli(*args, store: Path, input: str | None = None, env: dict | None = None, timeout: float = 120):
    """Run the real ``claimkb`` command in a subprocess."""
    return subprocess.run([sys.executable, "-m", "kb.cli", *args, "--store", str(store)], input=input,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, cwd=ROOT)
