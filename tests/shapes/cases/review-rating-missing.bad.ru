# A review without its rating.
# expect: ckb:ClaimReviewShape-reviewRating <review/leak> A review needs exactly one rating (schema:reviewRating), a schema:Rating that holds the verdict: add the rating.
DELETE WHERE { <review/leak> schema:reviewRating ?any }
