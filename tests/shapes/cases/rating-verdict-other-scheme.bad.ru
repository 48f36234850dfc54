# A concept of another scheme (ClaimsKG's ratings) as verdict.
# expect: ckb:RatingShape-verdict <review/leak#rating> A rating needs exactly one verdict (ckb:verdict) from the claimkb verdict scale (ckb:VerdictScheme), such as ckb:True, ckb:Misleading or ckb:Misquoted: pick one.
DELETE { <review/leak#rating> ckb:verdict ?old } INSERT { <review/leak#rating> ckb:verdict ckb:claimskg-TRUE } WHERE { <review/leak#rating> ckb:verdict ?old }
