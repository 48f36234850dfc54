"""The snapshots that queries read follow the store: a new one after a write, and after a compaction
(a checkpoint keeps the table files it was taken with, and its read-only readers never compact them)."""
import shutil
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kb.connect import open_kb
from kb.endpoint_pool import Snapshots, layout

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture
def embedded(shipped_dir, tmp_path):
    """The shipped KB in an embedded store of its own, whatever the test backend."""
    directory = tmp_path / "store"
    shutil.copytree(shipped_dir, directory)
    kb = open_kb(directory, remote={})
    yield kb
    kb.close()


def settle(kb):
    """Wait until the store's background work (compactions, deleting the files they replaced) is over."""
    kb.store.oxigraph.optimize()
    seen = None
    for _ in range(120):
        if layout(kb.store.path) == seen:
            return
        seen = layout(kb.store.path)
        time.sleep(0.5)
    raise AssertionError("the store's table files kept changing for a minute")


def count(snapshot: str) -> int:
    store = ox.Store.read_only(snapshot)
    return int(next(iter(store.query(COUNT)))[0].value)


def relayout(store: ox.Store, compact: bool = False):
    """New table files for the same data, as RocksDB's background compaction makes after a bulk load: a
    quad added and removed (a tombstone to flush), then, if asked, a compaction."""
    quad = ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal("o"))
    store.add(quad)
    store.remove(quad)
    store.flush()
    if compact:
        store.optimize()


def test_a_snapshot_is_kept_while_the_store_is_unchanged(embedded, tmp_path):
    settle(embedded)  # a store just opened may still be compacting
    snapshots = Snapshots(embedded, tmp_path / "snapshots")
    snapshots.RELAYOUT_SECONDS = 0
    with snapshots.use() as first:
        pass
    with snapshots.use() as again:
        assert again == first


def test_a_compacted_store_gets_a_new_snapshot_with_the_same_data(embedded, tmp_path):
    snapshots = Snapshots(embedded, tmp_path / "snapshots")
    snapshots.RELAYOUT_SECONDS = 0
    with snapshots.use() as first:
        before = count(first)
    generation = embedded.store.generation
    relayout(embedded.store.oxigraph, compact=True)
    assert embedded.store.generation == generation
    assert layout(embedded.store.path) != snapshots.current.layout
    with snapshots.use() as second:
        assert second != first
        assert count(second) == before
    assert not Path(first).exists()  # the old one is gone once nobody reads it


def test_a_compaction_is_taken_up_at_most_once_per_interval(embedded, tmp_path):
    snapshots = Snapshots(embedded, tmp_path / "snapshots")
    snapshots.RELAYOUT_SECONDS = 3600
    with snapshots.use() as first:
        pass
    relayout(embedded.store.oxigraph)
    assert layout(embedded.store.path) != snapshots.current.layout
    with snapshots.use() as again:
        assert again == first


def test_a_write_gets_a_new_snapshot_at_once(embedded, tmp_path):
    snapshots = Snapshots(embedded, tmp_path / "snapshots")
    snapshots.RELAYOUT_SECONDS = 3600
    with snapshots.use() as first:
        before = count(first)
    with embedded.write_lock:
        embedded.store.update("INSERT DATA { <https://example.org/s> <https://example.org/p> 1 }")
    with snapshots.use() as second:
        assert second != first
        assert count(second) == before + 1
