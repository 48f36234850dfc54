# Two presentations for one claim.
# expect: ckb:ClaimShape-presentedAs <claim/leak> Say how the source presents the claim (ckb:presentedAs), with exactly one of: direct quote (ckb:DirectQuote), paraphrase (ckb:Paraphrase) or assertion in its own voice (ckb:Assertion).
INSERT DATA { <claim/leak> ckb:presentedAs ckb:DirectQuote }
