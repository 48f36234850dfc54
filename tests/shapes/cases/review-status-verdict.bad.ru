# A verdict given as the status.
# expect: ckb:ClaimReviewShape-status <review/leak> A review needs exactly one status (ckb:status): draft (ckb:Draft), in review (ckb:InReview) or published (ckb:Published).
DELETE { <review/leak> ckb:status ?old } INSERT { <review/leak> ckb:status ckb:True } WHERE { <review/leak> ckb:status ?old }
