# A rating that is a claim.
# expect: ckb:ClaimReviewShape-reviewRating <review/leak> A review needs exactly one rating (schema:reviewRating), a schema:Rating that holds the verdict: add the rating.
DELETE { <review/leak> schema:reviewRating ?old } INSERT { <review/leak> schema:reviewRating <claim/research-phase> } WHERE { <review/leak> schema:reviewRating ?old }
