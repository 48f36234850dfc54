# Two statuses.
# expect: ckb:ClaimReviewShape-status <review/leak> A review needs exactly one status (ckb:status): draft (ckb:Draft), in review (ckb:InReview) or published (ckb:Published).
INSERT DATA { <review/leak> ckb:status ckb:Draft }
