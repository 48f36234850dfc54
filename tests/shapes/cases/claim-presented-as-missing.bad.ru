# A claim without how the source presents it.
# expect: ckb:ClaimShape-presentedAs <claim/leak> Say how the source presents the claim (ckb:presentedAs), with exactly one of: direct quote (ckb:DirectQuote), paraphrase (ckb:Paraphrase) or assertion in its own voice (ckb:Assertion).
DELETE WHERE { <claim/leak> ckb:presentedAs ?any }
