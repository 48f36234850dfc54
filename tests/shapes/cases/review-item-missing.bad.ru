# A review of nothing.
# expect: ckb:ClaimReviewShape-itemReviewed <review/leak> A review checks exactly one claim (schema:itemReviewed): pick the claim of the knowledge base it is about (one review per claim).
DELETE WHERE { <review/leak> schema:itemReviewed ?any }
