# A review's author written as text.
# expect: ckb:CreativeWorkShape-author <review/leak> The author (schema:author) of a document, the claimant of a claim or the author of a review must be a person or an organization of the knowledge base: pick one, or add it first.
DELETE { <review/leak> schema:author ?old } INSERT { <review/leak> schema:author "Camille Martin" } WHERE { <review/leak> schema:author ?old }
