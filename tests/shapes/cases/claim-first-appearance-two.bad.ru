# Two first appearances.
# expect: ckb:ClaimShape-firstAppearance <claim/research-phase> A claim has at most one first appearance (schema:firstAppearance), the earliest known document that states it: keep one, and pick a document of the knowledge base.
INSERT DATA { <claim/research-phase> schema:firstAppearance <source/article> }
