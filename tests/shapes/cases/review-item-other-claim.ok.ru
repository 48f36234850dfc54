# A review of the other claim.
# shape: ckb:ClaimReviewShape-itemReviewed
# shape: ckb:ClaimReviewShape-claimReviewed
DELETE { <review/leak> schema:itemReviewed ?old } INSERT { <review/leak> schema:itemReviewed <claim/research-phase> } WHERE { <review/leak> schema:itemReviewed ?old } ;
DELETE { <review/leak> schema:claimReviewed ?old } INSERT { <review/leak> schema:claimReviewed "Sora est toujours en phase de recherche"@fr } WHERE { <review/leak> schema:claimReviewed ?old }
