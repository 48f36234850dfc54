# A publisher that is a software application, not an agent.
# expect: ckb:CreativeWorkShape-publisher <source/article> The publisher (schema:publisher) must be a person or an organization of the knowledge base: pick one, or add it first.
DELETE { <source/article> schema:publisher ?old } INSERT { <source/article> schema:publisher <thing/sora> } WHERE { <source/article> schema:publisher ?old }
