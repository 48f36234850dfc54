# A claim that contradicts a document, not a claim.
# expect: ckb:ClaimShape-contradicts <claim/leak> A claim contradicts (ckb:contradicts) another claim: pick a claim of the knowledge base, not a document or an agent.
INSERT DATA { <claim/leak> ckb:contradicts <source/openai-statement> }
