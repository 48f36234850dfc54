"""Faults: the server killed (``kill -9``) in the middle of a stream of writes, a read-only store, a full
disk. Every acknowledged write survives, no unit of work is ever partly there (its named graph, its copy in
the current view and its provenance go together), and a store that cannot write gives a clear error
(HTTP 503 with what to do; the CLI exits 2 with a message), never a traceback, and stays as it was."""
import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.parse
from contextlib import contextmanager, nullcontext
from http.client import HTTPException
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import run_cli
from tests.reliability.conftest import (Server, add_accounts, note, restart_after_crash, serve, stop_server,
                                        unit_problems)
from tests.reliability.client import Client

RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
HEADLINE = "http://schema.org/headline"
WRITERS = 4
ACKS_BEFORE_KILL = 20
PERSON = '<https://w3id.org/claimkb/agent/fault-test> a <http://schema.org/Person> ; <http://schema.org/name> "F" .\n'


def note_values(quads: set, prefix: str) -> list[str]:
    """The texts of the notes in the current view whose text starts with ``prefix`` (one per note)."""
    return [q.object.value for q in quads if q.predicate.value == RDF_VALUE and q.object.value.startswith(prefix)
            and q.graph_name == ox.DefaultGraph()]


@pytest.fixture
def fresh(shipped_dir, tmp_path):
    """A store of its own (these tests kill or starve their server), with anna's token."""
    directory = tmp_path / "store"
    shutil.copytree(shipped_dir, directory)
    tokens = add_accounts(directory, {"anna": "annotator"}, ("anna",))
    return directory, tokens


def test_kill_9_during_writes_loses_no_acknowledged_write_and_leaves_no_partial_unit(fresh):
    directory, tokens = fresh
    process, url = serve(directory)
    acknowledged: dict[str, str | None] = {}  # note text -> its Location; source headline -> None
    sent: list[str] = []
    refused: list = []  # any answer but the write's success: the test fails on it
    lock = threading.Lock()

    def write(writer: int):
        client = Client(url, token=tokens["anna"])
        for number in range(10_000):
            value = f"crash-{writer}-{number}"
            with lock:
                sent.append(value)
            try:
                reply = client.post("/annotations/", json=note(value), timeout=30)
            except (OSError, HTTPException):  # the server died under this request: unknown outcome
                return
            if reply.status == 201:
                with lock:
                    acknowledged[value] = reply.header("Location")
            else:
                refused.append(reply)
                return

    def fill_in_forms():
        client = Client(url)
        assert client.login("anna").status == 303
        csrf = client.csrf()
        for number in range(10_000):
            value = f"crash-source-{number}"
            with lock:
                sent.append(value)
            try:
                reply = client.post("/annotate/sources/new", form={"csrf_token": csrf, "headline": value,
                                                                   "language": "fr", "text": "Un texte.",
                                                                   "new_publisher": "P"}, timeout=30)
            except (OSError, HTTPException):
                return
            if reply.status == 303:
                with lock:
                    acknowledged[value] = None
            else:
                refused.append(reply)
                return

    writers = [threading.Thread(target=write, args=(n,), daemon=True) for n in range(WRITERS)]
    writers.append(threading.Thread(target=fill_in_forms, daemon=True))
    for thread in writers:
        thread.start()
    deadline = time.time() + 300
    def forms_acknowledged():
        return sum(1 for location in list(acknowledged.values()) if location is None)
    while (len(acknowledged) < ACKS_BEFORE_KILL or forms_acknowledged() < 3) and time.time() < deadline:
        assert not refused, refused
        time.sleep(0.05)
    assert len(acknowledged) >= ACKS_BEFORE_KILL and forms_acknowledged() >= 3, "the writes did not go through"
    os.kill(process.pid, signal.SIGKILL)  # mid-stream: the writers have requests in flight
    process.wait(timeout=30)
    for thread in writers:
        thread.join(timeout=60)
    acknowledged = dict(acknowledged)
    assert not refused, refused

    process, url = restart_after_crash(directory)
    try:
        exported = run_cli("export", "--format", "nq", store=directory)  # every graph, through the server
        assert exported.returncode == 0, exported.stderr
        quads = set(ox.parse(exported.stdout.encode(), format=ox.RdfFormat.N_QUADS))
        assert unit_problems(quads) == []
        stored = note_values(quads, "crash-") + [q.object.value for q in quads if q.predicate.value == HEADLINE
                                                  and q.graph_name == ox.DefaultGraph()
                                                  and q.object.value.startswith("crash-source-")]
        assert len(stored) == len(set(stored)), "a note was written twice"
        missing = set(acknowledged) - set(stored)
        assert not missing, f"acknowledged writes lost: {sorted(missing)[:5]}"
        assert set(stored) <= set(sent)
        reader = Client(url)
        notes = [(value, location) for value, location in acknowledged.items() if location]
        for value, location in notes[:10]:
            reply = reader.get(urllib.parse.urlsplit(location).path)  # the port changed
            assert reply.status == 200 and reply.json()["body"]["value"] == value, reply
        # and the store still takes writes
        assert Client(url, token=tokens["anna"]).post("/annotations/", json=note("after the crash")).status == 201
    finally:
        stop_server(process)


@contextmanager
def small_filesystem(path: Path, size: str):
    """A tmpfs of ``size`` at ``path`` (root only: skipped elsewhere, since no filesystem of a known small
    size can be made without it)."""
    path.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem ({mounted.stderr.strip()}): needs root")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


@contextmanager
def read_only(directory: Path):
    """``directory`` read-only: remounted read-only as root (root ignores file modes), else its modes."""
    if os.geteuid() == 0:
        subprocess.run(["mount", "-o", "remount,ro", str(directory)], check=True)
        try:
            yield
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(directory)], check=True)
    else:
        paths = [directory, *directory.rglob("*")]
        for path in paths:
            path.chmod(path.stat().st_mode & ~0o222)
        try:
            yield
        finally:
            for path in paths:
                path.chmod(path.stat().st_mode | 0o200)


def no_traceback(text: str):
    assert "Traceback" not in text and 'File "' not in text, text


def test_a_read_only_store_is_a_clear_error_and_stays_as_it_was(shipped_dir, tmp_path):
    if os.geteuid() == 0:
        context = small_filesystem(tmp_path / "ro", "64m")
    else:
        (tmp_path / "ro").mkdir()
        context = nullcontext(tmp_path / "ro")
    with context as mount:
        directory = mount / "store"
        shutil.copytree(shipped_dir, directory)
        before = run_cli("export", store=directory).stdout
        extra = tmp_path / "extra.ttl"
        extra.write_text(PERSON)
        with read_only(mount if os.geteuid() == 0 else directory):
            for args in (("load", str(extra)), ("serve", "--port", "0")):
                result = run_cli(*args, store=directory, timeout=60)
                assert result.returncode == 2, (args, result)
                assert "store" in result.stderr and "writable" in result.stderr, (args, result.stderr)
                no_traceback(result.stderr)
        assert run_cli("export", store=directory).stdout == before


def fill(mount: Path):
    """Fill the filesystem: one file, written until the disk says it is full (again, if space came back)."""
    try:
        with open(mount / "filler", "ab") as out:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
    except OSError:  # full (perhaps already: then even the file could not be made)
        pass


@pytest.mark.parametrize("full", ["store", "data directory"])
def test_a_full_disk_is_a_clear_error_and_changes_nothing(shipped_dir, tmp_path, full):
    """``store``: only the RDF store's filesystem is full (the store refuses the write); ``data directory``:
    the accounts database is on the full disk too (the token cannot even be checked)."""
    directory = tmp_path / "store"
    shutil.copytree(shipped_dir, directory)
    tokens = add_accounts(directory, {"anna": "annotator"}, ("anna",))
    target = directory / "oxigraph" if full == "store" else directory
    saved = tmp_path / "saved"
    shutil.move(target, saved)
    with small_filesystem(target, "48m") as mount:
        shutil.copytree(saved, mount, dirs_exist_ok=True)
        process, url = serve(directory)
        try:
            server = Server(url, directory)
            writer = Client(url, token=tokens["anna"])
            assert writer.post("/annotations/", json=note("before the disk filled")).status == 201
            form = server.client("anna")
            csrf = form.csrf()
            before = server.dump()
            fill(mount)
            for value in ("a note on a full disk", "x" * 200_000):
                reply = writer.post("/annotations/", json=note(value))
                assert reply.status == 503, reply
                assert "disk" in reply.json()["detail"] and "nothing was written" in reply.json()["detail"], reply
                no_traceback(reply.text)
            reply = form.post("/annotate/sources/new", form={"csrf_token": csrf, "headline": "Disk full",
                                                             "language": "fr", "text": "Un texte.",
                                                             "new_publisher": "P"})
            assert reply.status == 503 and "nothing was written" in reply.text, reply
            no_traceback(reply.text)
            person = tmp_path / "person.ttl"
            person.write_text(PERSON)
            result = run_cli("load", str(person), store=directory)  # through the running server
            # the server's reason, not only its status
            assert result.returncode == 2 and "nothing was written" in result.stderr and "disk" in result.stderr, result
            no_traceback(result.stderr)
            # reads still work: a failed write leaves the SPARQL endpoint's snapshot current (no disk needed)
            assert Client(url).get("/claims").status == 200
            query = Client(url).get("/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D",
                                    headers={"Accept": "application/sparql-results+json"})
            assert query.status == 200, query
            assert server.dump() == before
            # space again: the same server takes writes (the store is reopened), no restart
            (mount / "filler").unlink()
            assert writer.post("/annotations/", json=note("once space came back")).status == 201
            assert run_cli("load", str(person), store=directory).returncode == 0
            assert "once space came back" in Client(url).get("/dumps/claimkb.nq").text
            before = server.dump()
            stop_server(process)  # which frees the space of its snapshots: fill it again
            process = None
            fill(mount)
            result = run_cli("load", str(person), store=directory)  # the command on the store itself
            assert result.returncode == 2 and "store" in result.stderr and "disk" in result.stderr, result
            no_traceback(result.stderr)
        finally:
            (mount / "filler").unlink(missing_ok=True)
            if process is not None:
                stop_server(process)
        # with space again, a restarted server has every earlier write and takes new ones
        process, url = restart_after_crash(directory)
        try:
            assert Server(url, directory).dump() == before
            assert Client(url, token=tokens["anna"]).post("/annotations/", json=note("after")).status == 201
        finally:
            stop_server(process)
