# A review without an author.
# expect: ckb:ClaimReviewShape-author <review/leak> A review needs exactly one author (schema:author), the fact-checker or the team that signs it: add who wrote it.
DELETE WHERE { <review/leak> schema:author ?any }
