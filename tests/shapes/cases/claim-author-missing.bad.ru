# A claim without a claimant.
# expect: ckb:ClaimShape-author <claim/leak> A claim needs exactly one claimant (schema:author): say who makes the claim (the publisher when the article speaks in its own voice).
DELETE WHERE { <claim/leak> schema:author ?any }
