# A claim that appears in an organization, not a document.
# expect: ckb:ClaimShape-appearance <claim/leak> A claim needs the document where it appears (schema:appearance), a document of the knowledge base: pick the article or document, or add it first.
DELETE { <claim/leak> schema:appearance ?old } INSERT { <claim/leak> schema:appearance <agent/touslestops> } WHERE { <claim/leak> schema:appearance ?old }
