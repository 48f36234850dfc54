"""``claimkb import csv``: one reviewed claim per row, columns documented in kb/importers/csv.py."""
import pytest
from rdflib import Literal

from kb.importers import csv
from kb.importers.common import InputError
from kb.knowledgebase import SYSTEM_AGENT
from kb.namespaces import BASE, CKB, SCHEMA
from tests.conftest import run_cli

HEADER = "claim,language,claimant,claimant_type,appearance_url,appearance_title,verdict,reviewer,review_date,review_body,citations\n"
ROWS = [
    'Sora est un modèle open source.,fr,OpenAI,Organization,https://example.org/a,Un article,Faux,Vérif,2025-01-02,'
    '"Le modèle n’a jamais été publié, seul un accès a fuité.",https://example.org/evidence\n',
    '"Crime doubled, they say.",en,Jane Doe,,https://example.org/b,,mostly-false,Checkers Inc,2025-01-03,'
    'The figures rose by 20%.,\n',
]


def write(tmp_path, *rows, header=HEADER):
    path = tmp_path / "claims.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


def test_rows_become_claims_and_reviews(empty_kb, tmp_path):
    report = csv.load(empty_kb, str(write(tmp_path, *ROWS)), SYSTEM_AGENT, progress=False)
    assert report.added == 2 and not report.skipped
    view = empty_kb.current_view()
    [claim] = view.subjects(SCHEMA.text, Literal("Sora est un modèle open source.", lang="fr"))
    assert view.value(claim, SCHEMA.author) == BASE["agent/openai"]
    [review] = view.subjects(SCHEMA.itemReviewed, claim)
    rating = view.value(review, SCHEMA.reviewRating)
    assert view.value(rating, CKB.verdict) == CKB["False"]
    assert (review, SCHEMA.reviewBody,
            Literal("Le modèle n’a jamais été publié, seul un accès a fuité.", lang="fr")) in view
    assert view.value(review, SCHEMA.citation) is not None
    [other] = view.subjects(SCHEMA.text, Literal("Crime doubled, they say.", lang="en"))
    assert (view.value(other, SCHEMA.author), SCHEMA.name, Literal("Jane Doe")) in view
    assert empty_kb.validate_all() == []


def test_an_agent_of_the_same_name_in_the_kb_is_that_agent(kb, tmp_path):
    before = kb.graph(BASE["graph/agent/openai"])
    csv.load(kb, str(write(tmp_path, ROWS[0])), SYSTEM_AGENT, progress=False)
    assert kb.graph(BASE["graph/agent/openai"]) == before or set(kb.graph(BASE["graph/agent/openai"])) == set(before)


def test_a_row_missing_a_required_value_is_skipped_with_its_line(empty_kb, tmp_path):
    row = ROWS[1].replace("2025-01-03", "")
    report = csv.load(empty_kb, str(write(tmp_path, ROWS[0], row)), SYSTEM_AGENT, progress=False)
    assert report.added == 1
    [skip] = report.skipped
    assert skip.where.endswith("claims.csv:3")
    assert "publication date (schema:datePublished)" in skip.reason


@pytest.mark.parametrize("header, row, message", [
    (HEADER.replace("claimant_type", "claimant_kind"), ROWS[0], "unknown column 'claimant_kind'"),
    (HEADER.replace(",reviewer", ""), ROWS[0], "the column 'reviewer' is required"),
    (HEADER, ROWS[0].replace("Faux", "Bof"), "unknown rating 'Bof'"),
])
def test_bad_files_are_refused_whole(data_dir, tmp_path, header, row, message):
    path = write(tmp_path, row, header=header)
    before = run_cli("export", "--format", "nq", store=data_dir).stdout
    result = run_cli("import", "csv", str(path), store=data_dir)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert run_cli("export", "--format", "nq", store=data_dir).stdout == before


def test_a_file_that_is_not_utf8(empty_kb, tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes((HEADER + ROWS[0]).encode("latin-1", "replace"))
    with pytest.raises(InputError, match="claims.csv:2: not UTF-8"):
        csv.load(empty_kb, str(path), SYSTEM_AGENT, progress=False)
