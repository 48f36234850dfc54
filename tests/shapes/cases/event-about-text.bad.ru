# An event about a piece of text.
# expect: ckb:EventShape-about <event/leak> What an event is about (schema:about) must be a resource of the knowledge base (a thing, an agent, a document), not text: pick it, or add it first.
INSERT DATA { <event/leak> schema:about "Sora" }
