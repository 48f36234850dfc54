# A claim about a piece of text instead of a resource.
# expect: ckb:ClaimShape-about <claim/research-phase> What a claim is about (schema:about) must be a resource of the knowledge base (an event, a thing, an agent), not text: pick it, or add it first.
INSERT DATA { <claim/research-phase> schema:about "Sora" }
