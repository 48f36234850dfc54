# A first appearance that is an event, not a document.
# expect: ckb:ClaimShape-firstAppearance <claim/research-phase> A claim has at most one first appearance (schema:firstAppearance), the earliest known document that states it: keep one, and pick a document of the knowledge base.
DELETE { <claim/research-phase> schema:firstAppearance ?old } INSERT { <claim/research-phase> schema:firstAppearance <event/leak> } WHERE { <claim/research-phase> schema:firstAppearance ?old }
