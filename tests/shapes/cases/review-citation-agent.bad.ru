# A citation that is an organization, not a document.
# expect: ckb:ClaimReviewShape-citation <review/leak> A review cites documents (schema:citation) as evidence: pick a document of the knowledge base, not a person, an event or a claim's text.
INSERT DATA { <review/leak> schema:citation <agent/openai> }
