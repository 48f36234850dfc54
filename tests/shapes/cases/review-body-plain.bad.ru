# A reasoning without its language.
# expect: ckb:ClaimReviewShape-reviewBody <review/leak> A review needs its reasoning (schema:reviewBody), with its language (for example "…"@fr), at most one per language: write why the verdict is what it is.
INSERT DATA { <review/leak> schema:reviewBody "Le Space est resté en ligne trois heures." }
