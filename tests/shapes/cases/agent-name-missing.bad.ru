# An organization without a name.
# expect: ckb:AgentShape-name <agent/openai> A person or an organization needs a name (schema:name), as text, at most one per language: add the name, or remove the extra one.
DELETE WHERE { <agent/openai> schema:name ?any }
