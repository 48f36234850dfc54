"""The ``claimkb`` command, run for real in a subprocess on a real store."""
import json
import textwrap

from tests.conftest import ROOT, run_cli

GOOD = textwrap.dedent("""\
    @prefix schema: <http://schema.org/> .
    @prefix ckb: <https://w3id.org/claimkb#> .
    <https://w3id.org/claimkb/graph/claim/cli-test> {
      <https://w3id.org/claimkb/claim/cli-test> a schema:Claim ;
        schema:text "Sora génère des vidéos."@fr ;
        schema:author <https://w3id.org/claimkb/agent/openai> ;
        schema:appearance <https://w3id.org/claimkb/source/touslestops-sora-article> ;
        ckb:presentedAs ckb:Assertion .
    }
    """)
BAD = GOOD.replace("ckb:presentedAs ckb:Assertion", "ckb:presentedAs ckb:Rumour")
COUNT_CLAIMS = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a <http://schema.org/Claim> }"


def claim_count(store) -> int:
    result = run_cli("query", COUNT_CLAIMS, "--format", "json", store=store)
    assert result.returncode == 0, result.stderr
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])


def test_load_adds_a_conforming_file(data_dir, tmp_path):
    path = tmp_path / "claim.trig"
    path.write_text(GOOD, encoding="utf-8")
    before = claim_count(data_dir)
    result = run_cli("load", str(path), store=data_dir)
    assert result.returncode == 0, result.stderr
    assert "loaded 5 triples in 1 unit" in result.stderr
    assert claim_count(data_dir) == before + 1


def test_load_refuses_a_non_conforming_file_whole_with_a_readable_report(data_dir, tmp_path):
    path = tmp_path / "claim.trig"
    path.write_text(BAD, encoding="utf-8")
    before = run_cli("export", "--format", "nq", store=data_dir).stdout
    result = run_cli("load", str(path), store=data_dir)
    assert result.returncode == 1
    assert "does not conform" in result.stderr and "claim/cli-test" in result.stderr
    assert "nothing was written" in result.stderr
    assert run_cli("export", "--format", "nq", store=data_dir).stdout == before


def test_load_reports_unparseable_files_and_unknown_formats(data_dir, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    result = run_cli("load", str(broken), store=data_dir)
    assert result.returncode == 2 and "not valid turtle" in result.stderr
    result = run_cli("load", str(tmp_path / "claims.xlsx"), store=data_dir)
    assert result.returncode == 2 and "unknown format" in result.stderr


def test_validate_a_file_against_the_store_without_writing_it(data_dir, tmp_path):
    path = tmp_path / "claim.trig"
    path.write_text(BAD, encoding="utf-8")
    result = run_cli("validate", str(path), store=data_dir)
    assert result.returncode == 1 and "1 violation" in result.stderr
    path.write_text(GOOD, encoding="utf-8")
    assert run_cli("validate", str(path), store=data_dir).returncode == 0
    assert run_cli("validate", store=data_dir).returncode == 0  # the whole store


def test_query_formats(data_dir):
    table = run_cli("query", COUNT_CLAIMS, store=data_dir)
    assert table.returncode == 0 and table.stdout.splitlines()[0].strip() == "n" and "(1 row)" in table.stdout
    csv = run_cli("query", COUNT_CLAIMS, "--format", "csv", store=data_dir)
    assert csv.stdout.splitlines()[0] == "n"
    graph = run_cli("query", "CONSTRUCT WHERE { ?s a <http://schema.org/ClaimReview> }", "--format", "ttl",
                    store=data_dir)
    assert "schema:ClaimReview" in graph.stdout


def test_query_from_a_file_and_a_malformed_query(data_dir, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?s a <http://schema.org/Claim> }")
    assert run_cli("query", "--file", str(path), store=data_dir).stdout.strip() == "true"
    bad = run_cli("query", "SELECT ?s WHERE { ?s ?p }", store=data_dir)
    assert bad.returncode == 1 and "not valid SPARQL" in bad.stderr


def test_query_refuses_updates(data_dir):
    before = claim_count(data_dir)
    result = run_cli("query", "DELETE WHERE { ?s ?p ?o }", store=data_dir)
    assert result.returncode == 1
    assert claim_count(data_dir) == before


def test_export_nquads_holds_every_graph_and_the_provenance(data_dir):
    out = run_cli("export", "--format", "nq", store=data_dir).stdout
    assert "<https://w3id.org/claimkb#provenance> ." in out
    assert "<https://w3id.org/claimkb/graph/claim/" in out
    ttl = run_cli("export", "--format", "ttl", store=data_dir).stdout
    assert "schema:Claim" in ttl and "prov:generatedAtTime" not in ttl


def test_a_command_on_an_empty_store_loads_the_shipped_kb(tmp_path):
    assert claim_count(tmp_path / "new") >= 25


def test_bench_lists_the_benchmarks_of_the_checkout_and_refuses_an_unknown_one(tmp_path):
    from kb.cli_bench import BENCHMARKS
    assert sorted(BENCHMARKS) == sorted(p.stem for p in (ROOT / "benchmarks").glob("*.py")
                                        if p.stem not in ("__init__", "report"))
    done = run_cli("bench", "nope", store=tmp_path / "store")
    assert done.returncode == 2
    assert "no benchmark nope; choose among store_choice, scale" in done.stderr


def test_options_count_wherever_they_are_given(tmp_path):
    """Before a subcommand's own subcommand too: `claimkb import --store DIR csv -` wrote into the
    default store (./var/store), the inner parser putting --store back to its default; the import's own
    options (--quiet, --batch) were refused there."""
    import subprocess
    import sys
    from tests import backends
    for where, args in (("before", ["import", "--store", str(tmp_path / "before"), "csv", "-"]),
                        ("after", ["import", "csv", "-", "--store", str(tmp_path / "after")]),
                        ("quiet", ["import", "--quiet", "--batch", "10", "--store", str(tmp_path / "quiet"),
                                   "csv", "-"])):
        store = tmp_path / where
        env = backends.env_for(store)
        result = subprocess.run([sys.executable, "-m", "kb.cli", *args], input="claim_text\n", capture_output=True,
                                text=True, timeout=120, env=env, cwd=ROOT)
        loaded_into = env.get("CLAIMKB_SPARQL_QUERY", str(store))  # a remote backend's store for that directory
        assert f"loaded the shipped KB into {loaded_into}" in result.stderr, result.stderr
