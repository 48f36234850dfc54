# A claim that supports an event, not a claim.
# expect: ckb:ClaimShape-supports <claim/research-phase> A claim supports (cito:supports) another claim: pick a claim of the knowledge base, not a document or an agent.
INSERT DATA { <claim/research-phase> cito:supports <event/leak> }
