# A draft review.
# shape: ckb:ClaimReviewShape-status
DELETE { <review/leak> ckb:status ?old } INSERT { <review/leak> ckb:status ckb:Draft } WHERE { <review/leak> ckb:status ?old }
