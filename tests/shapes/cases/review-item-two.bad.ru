# One review for two claims.
# expect: ckb:ClaimReviewShape-itemReviewed <review/leak> A review checks exactly one claim (schema:itemReviewed): pick the claim of the knowledge base it is about (one review per claim).
INSERT DATA { <review/leak> schema:itemReviewed <claim/research-phase> }
