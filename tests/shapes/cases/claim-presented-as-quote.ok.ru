# A direct quote.
# shape: ckb:ClaimShape-presentedAs
DELETE { <claim/leak> ckb:presentedAs ?old } INSERT { <claim/leak> ckb:presentedAs ckb:DirectQuote } WHERE { <claim/leak> ckb:presentedAs ?old }
