# A review of a document, not of a claim.
# expect: ckb:ClaimReviewShape-itemReviewed <review/leak> A review checks exactly one claim (schema:itemReviewed): pick the claim of the knowledge base it is about (one review per claim).
DELETE { <review/leak> schema:itemReviewed ?old } INSERT { <review/leak> schema:itemReviewed <source/article> } WHERE { <review/leak> schema:itemReviewed ?old }
