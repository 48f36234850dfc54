# Two verdicts.
# expect: ckb:RatingShape-verdict <review/leak#rating> A rating needs exactly one verdict (ckb:verdict) from the claimkb verdict scale (ckb:VerdictScheme), such as ckb:True, ckb:Misleading or ckb:Misquoted: pick one.
INSERT DATA { <review/leak#rating> ckb:verdict ckb:MostlyTrue }
