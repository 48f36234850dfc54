# A claimant that is a software application.
# expect: ckb:CreativeWorkShape-author <claim/leak> The author (schema:author) of a document, the claimant of a claim or the author of a review must be a person or an organization of the knowledge base: pick one, or add it first.
DELETE { <claim/leak> schema:author ?old } INSERT { <claim/leak> schema:author <thing/sora> } WHERE { <claim/leak> schema:author ?old }
