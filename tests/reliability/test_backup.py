"""Backup and restore through the real CLI: ``claimkb export --format nq`` (every named graph, the current
view, the provenance) then ``claimkb restore`` into an empty store gives the same dataset, quad for quad,
whether the backup was made while the server runs (through its ``/_kb/`` endpoints) or on a stopped store.
The KB has no blank nodes (written data is skolemised), so equal quad sets are isomorphic datasets."""
import shutil

import pyoxigraph as ox

from tests.conftest import run_cli
from tests.reliability.conftest import (CLAIM, EMBARGOED_PROVENANCE, PROV, PROVENANCE, add_accounts, note,
                                        serve, stop_server, unit_problems)
from tests.reliability.client import Client


def export(store) -> bytes:
    result = run_cli("export", "--format", "nq", store=store)
    assert result.returncode == 0, result.stderr
    return result.stdout.encode("utf-8")


def quads(data: bytes) -> set:
    return set(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def with_history(directory):
    """Writes that leave history behind: a note, its revision (PUT), a retracted note (DELETE), and a
    draft review (its provenance kept apart from the public provenance, kb/embargo.py)."""
    tokens = add_accounts(directory, {"anna": "annotator"}, ("anna",))
    process, url = serve(directory)
    anna = Client(url, token=tokens["anna"])
    created = anna.post("/annotations/", json=note("to be revised"))
    assert created.status == 201, created
    path = created.header("Location").split(url, 1)[1]
    revised = anna.request("PUT", path, json=note("revised"), headers={"If-Match": created.header("ETag")})
    assert revised.status == 200, revised
    gone = anna.post("/annotations/", json=note("to be retracted"))
    assert anna.request("DELETE", gone.header("Location").split(url, 1)[1]).status == 204
    session = Client(url)
    assert session.login("anna").status == 303
    drafted = session.post(f"/annotate/claim/{CLAIM}/review", form={
        "verdict": "https://w3id.org/claimkb#Misleading", "status": "Draft", "body_fr": "brouillon",
        "date_published": "2024-12-02", "csrf_token": session.csrf(f"/annotate/claim/{CLAIM}/review")})
    assert drafted.status == 303, drafted
    return process


def test_export_then_restore_gives_the_same_dataset(shipped_dir, tmp_path):
    directory = tmp_path / "store"
    shutil.copytree(shipped_dir, directory)
    process = with_history(directory)
    try:
        while_serving = export(directory)  # through the running server
    finally:
        stop_server(process)
    stopped = export(directory)  # the embedded store itself
    original = quads(stopped)
    assert quads(while_serving) == original
    assert not any(isinstance(term, ox.BlankNode) for q in original for term in (q.subject, q.object))
    provenance = {q for q in original if q.graph_name == PROVENANCE}
    predicates = {q.predicate.value for q in provenance}
    assert {PROV + "wasRevisionOf", PROV + "invalidatedAtTime", PROV + "generatedAtTime"} <= predicates
    assert unit_problems(original) == []
    embargoed = {q for q in original if q.graph_name == EMBARGOED_PROVENANCE}

    for name, backup in (("while-serving", while_serving), ("stopped", stopped)):
        file = tmp_path / f"{name}.nq"
        file.write_bytes(backup)
        empty = tmp_path / f"restored-{name}"
        result = run_cli("restore", str(file), store=empty)
        assert result.returncode == 0, result.stderr
        restored = quads(export(empty))
        assert restored == original, (list(original - restored)[:3], list(restored - original)[:3])
        assert {q for q in restored if q.graph_name == PROVENANCE} == provenance
        assert {q for q in restored if q.graph_name == EMBARGOED_PROVENANCE} == embargoed != set()
    assert run_cli("validate", store=tmp_path / "restored-stopped").returncode == 0


def test_restore_refuses_a_store_that_is_not_empty_or_a_broken_file(shipped_dir, tmp_path):
    directory = tmp_path / "store"
    shutil.copytree(shipped_dir, directory)
    backup = tmp_path / "backup.nq"
    backup.write_bytes(export(directory))
    before = export(directory)
    result = run_cli("restore", str(backup), store=directory)
    assert result.returncode == 2 and "not empty" in result.stderr, result
    assert export(directory) == before

    broken = tmp_path / "broken.nq"
    broken.write_bytes(backup.read_bytes()[:5000] + b"<oops")
    empty = tmp_path / "empty"
    result = run_cli("restore", str(broken), store=empty)
    assert result.returncode == 2 and "nothing was restored" in result.stderr, result
    assert "Traceback" not in result.stderr
    assert run_cli("restore", str(backup), store=empty).returncode == 0  # nothing half-restored was in the way
    assert quads(export(empty)) == quads(before)
