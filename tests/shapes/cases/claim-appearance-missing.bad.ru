# A claim that appears nowhere.
# expect: ckb:ClaimShape-appearance <claim/research-phase> A claim needs the document where it appears (schema:appearance), a document of the knowledge base: pick the article or document, or add it first.
DELETE WHERE { <claim/research-phase> schema:appearance ?any }
