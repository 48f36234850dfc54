# The claim's text without a language tag.
# shape: ckb:ClaimReviewShape-claimReviewed
DELETE { <review/leak> schema:claimReviewed ?old } INSERT { <review/leak> schema:claimReviewed "un groupe d’artistes a divulgué l’accès anticipé à Sora" } WHERE { <review/leak> schema:claimReviewed ?old }
