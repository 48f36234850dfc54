# The article as the first appearance of its own claim.
# shape: ckb:ClaimShape-firstAppearance
INSERT DATA { <claim/leak> schema:firstAppearance <source/article> }
