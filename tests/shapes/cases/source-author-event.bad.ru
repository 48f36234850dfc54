# A document's author that is an event.
# expect: ckb:CreativeWorkShape-author <source/openai-statement> The author (schema:author) of a document, the claimant of a claim or the author of a review must be a person or an organization of the knowledge base: pick one, or add it first.
INSERT DATA { <source/openai-statement> schema:author <event/leak> }
