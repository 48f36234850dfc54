"""``claimkb import csv FILE|-``: reviewed claims from a spreadsheet, one row each.

UTF-8, comma-separated, a header row naming the columns (any order; unknown columns are an error, so
that a misspelt one is not silently ignored). Each row is one claim and its review, imported as the
ClaimReview it describes (:mod:`.claimreview`: same IRIs, merging and rating table).

| column | required | what |
|---|---|---|
| ``claim`` | yes | the claim's text, as its source states it |
| ``language`` | no (``en``) | language of the claim, the appearance's title and the review body |
| ``claimant`` | yes | who makes the claim (a name; an agent of that name in the KB is that agent) |
| ``claimant_type`` | no (``Person``) | ``Person`` or ``Organization`` |
| ``appearance_url`` | yes | where the claim appears |
| ``appearance_title`` | no | that document's title (else "Document at <url>") |
| ``verdict`` | yes | a verdict (``mostly-false``, ``Misleading``, ``Trompeur``), a PolitiFact/LIAR label or another label of the table in :mod:`.verdicts` |
| ``reviewer`` | yes | who wrote the review (an organization's name) |
| ``review_date`` | yes | ``YYYY-MM-DD`` |
| ``review_body`` | yes | why the verdict is what it is |
| ``review_url`` | no | the review's page (also its identity: two rows with one url are one review) |
| ``citations`` | no | urls of the evidence, separated by spaces |

A row missing a value the shapes require is skipped and reported (``file:line`` and the shape's message);
an unknown column or verdict, or a file that is not UTF-8, stops the import before anything is written.
"""
import csv as csv_format
import io
import sys
from pathlib import Path

from kb.importers import claimreview
from kb.importers.common import InputError, Report

COLUMNS = ("claim", "language", "claimant", "claimant_type", "appearance_url", "appearance_title", "verdict",
           "reviewer", "review_date", "review_body", "review_url", "citations")
REQUIRED = ("claim", "claimant", "appearance_url", "verdict", "reviewer", "review_date", "review_body")


def read(path: str, stdin=None) -> tuple[list[tuple[int, dict]], str]:
    name = "<stdin>" if path == "-" else path
    try:
        data = (stdin or sys.stdin.buffer).read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError([f"{name}: no such file"]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise InputError([f"{name}:{line}: not UTF-8 (byte 0x{data[error.start]:02x}): save the file as UTF-8"]) \
            from None
    reader = csv_format.DictReader(io.StringIO(text, newline=""))
    header = [c.strip() for c in reader.fieldnames or []]
    problems = [f"{name}:1: unknown column {c!r} (columns: {', '.join(COLUMNS)})" for c in header if c not in COLUMNS]
    problems += [f"{name}:1: the column {c!r} is required" for c in REQUIRED if c not in header]
    if problems:
        raise InputError(problems)
    rows = []
    for row in reader:
        if None in row:
            problems.append(f"{name}:{reader.line_num}: more values than columns")
            continue
        values = {k.strip(): (v or "").strip() for k, v in row.items()}
        if any(values.values()):
            rows.append((reader.line_num, values))
    if problems:
        raise InputError(problems)
    return rows, name


def as_claim_review(row: dict) -> dict:
    """The ClaimReview a row describes."""
    language = row.get("language") or "en"
    appearance = {"url": row["appearance_url"]} if row.get("appearance_url") else None
    if appearance and row.get("appearance_title"):
        appearance["headline"] = row["appearance_title"]
    item = {"@type": "ClaimReview", "inLanguage": language,
            "claimReviewed": row.get("claim", ""),
            "datePublished": row.get("review_date", ""),
            "reviewRating": {"@type": "Rating", "alternateName": row.get("verdict", "")},
            "itemReviewed": {"@type": "Claim"}}
    if row.get("claimant"):
        item["itemReviewed"]["author"] = {"@type": row.get("claimant_type") or "Person", "name": row["claimant"]}
    if appearance:
        item["itemReviewed"]["appearance"] = appearance
    if row.get("reviewer"):
        item["author"] = {"@type": "Organization", "name": row["reviewer"]}
    for key, name in (("review_body", "reviewBody"), ("review_url", "url")):
        if row.get(key):
            item[name] = row[key]
    if row.get("citations"):
        item["citation"] = [{"@type": "CreativeWork", "url": url} for url in row["citations"].split()]
    return item


def load(kb, path: str, agent, stdin=None, **options) -> Report:
    from kb.importers import common
    rows, name = read(path, stdin)
    items = [(f"{name}:{line}", as_claim_review(row)) for line, row in rows]
    builder = claimreview.Builder(claimreview.Nodes([item for _, item in items]), name, "en")
    built = [builder.record(item, where) for where, item in items]
    if builder.problems:
        raise InputError(builder.problems)
    report = Report(merged=builder.merged)
    return common.run(kb, [r for r in built if r is not None], builder.shared, agent, total=len(built),
                      label="CSV", report=report, **options)
