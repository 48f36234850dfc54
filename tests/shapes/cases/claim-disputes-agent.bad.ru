# A claim that disputes an organization, not a claim.
# expect: ckb:ClaimShape-disputes <claim/research-phase> A claim disputes (cito:disputes) another claim: pick a claim of the knowledge base, not a document or an agent.
INSERT DATA { <claim/research-phase> cito:disputes <agent/touslestops> }
