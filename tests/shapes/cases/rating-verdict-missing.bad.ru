# A rating without its verdict.
# expect: ckb:RatingShape-verdict <review/leak#rating> A rating needs exactly one verdict (ckb:verdict) from the claimkb verdict scale (ckb:VerdictScheme), such as ckb:True, ckb:Misleading or ckb:Misquoted: pick one.
DELETE WHERE { <review/leak#rating> ckb:verdict ?any }
