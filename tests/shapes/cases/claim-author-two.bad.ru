# A claim with two claimants.
# expect: ckb:ClaimShape-author <claim/leak> A claim needs exactly one claimant (schema:author): say who makes the claim (the publisher when the article speaks in its own voice).
INSERT DATA { <claim/leak> schema:author <agent/sora-pr-puppets> }
