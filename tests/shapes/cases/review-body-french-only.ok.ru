# A reasoning in one language.
# shape: ckb:ClaimReviewShape-reviewBody
DELETE DATA { <review/leak> schema:reviewBody "The collective did open access to Sora for a few hours."@en }
