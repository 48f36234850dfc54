# A person as a document's author, next to an organization.
# shape: ckb:CreativeWorkShape-author
INSERT DATA { <source/openai-statement> schema:author <agent/camille-martin> }
