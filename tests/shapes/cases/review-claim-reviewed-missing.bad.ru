# A review without the claim's text.
# expect: ckb:ClaimReviewShape-claimReviewed <review/leak> A review needs the text of the claim it checks (schema:claimReviewed), exactly once, as text: copy the claim's text.
DELETE WHERE { <review/leak> schema:claimReviewed ?any }
