# A claim that replies to a document, not to a claim.
# expect: ckb:ClaimShape-repliesTo <claim/research-phase> A claim replies to (cito:repliesTo) another claim: pick a claim of the knowledge base, not a document or an agent.
DELETE { <claim/research-phase> cito:repliesTo ?old } INSERT { <claim/research-phase> cito:repliesTo <source/article> } WHERE { <claim/research-phase> cito:repliesTo ?old }
