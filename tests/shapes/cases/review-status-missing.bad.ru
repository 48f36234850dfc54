# A review without a status.
# expect: ckb:ClaimReviewShape-status <review/leak> A review needs exactly one status (ckb:status): draft (ckb:Draft), in review (ckb:InReview) or published (ckb:Published).
DELETE WHERE { <review/leak> ckb:status ?any }
