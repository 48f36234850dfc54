# A claim with an English rendering next to the source's French.
# shape: ckb:ClaimShape-text
INSERT DATA { <claim/research-phase> schema:text "Sora is still in a research phase"@en }
