# The claim's text twice.
# expect: ckb:ClaimReviewShape-claimReviewed <review/leak> A review needs the text of the claim it checks (schema:claimReviewed), exactly once, as text: copy the claim's text.
INSERT DATA { <review/leak> schema:claimReviewed "a group of artists leaked early access to Sora"@en }
