# The claim itself (a link) instead of its text.
# expect: ckb:ClaimReviewShape-claimReviewed <review/leak> A review needs the text of the claim it checks (schema:claimReviewed), exactly once, as text: copy the claim's text.
DELETE { <review/leak> schema:claimReviewed ?old } INSERT { <review/leak> schema:claimReviewed <claim/leak> } WHERE { <review/leak> schema:claimReviewed ?old }
