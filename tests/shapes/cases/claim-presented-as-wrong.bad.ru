# A presentation that is not one of the three (a review status).
# expect: ckb:ClaimShape-presentedAs <claim/leak> Say how the source presents the claim (ckb:presentedAs), with exactly one of: direct quote (ckb:DirectQuote), paraphrase (ckb:Paraphrase) or assertion in its own voice (ckb:Assertion).
DELETE { <claim/leak> ckb:presentedAs ?old } INSERT { <claim/leak> ckb:presentedAs ckb:Draft } WHERE { <claim/leak> ckb:presentedAs ?old }
