# A name given as a link.
# expect: ckb:AgentShape-name <agent/openai> A person or an organization needs a name (schema:name), as text, at most one per language: add the name, or remove the extra one.
INSERT DATA { <agent/openai> schema:name <https://openai.com/> }
