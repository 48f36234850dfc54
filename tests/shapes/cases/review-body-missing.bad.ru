# A review without its reasoning.
# expect: ckb:ClaimReviewShape-reviewBody <review/leak> A review needs its reasoning (schema:reviewBody), with its language (for example "…"@fr), at most one per language: write why the verdict is what it is.
DELETE WHERE { <review/leak> schema:reviewBody ?any }
