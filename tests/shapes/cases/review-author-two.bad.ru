# A review with two authors.
# expect: ckb:ClaimReviewShape-author <review/leak> A review needs exactly one author (schema:author), the fact-checker or the team that signs it: add who wrote it.
INSERT DATA { <review/leak> schema:author <agent/touslestops> }
