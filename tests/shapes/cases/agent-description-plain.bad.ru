# A description without its language.
# expect: ckb:AgentShape-description <agent/openai> A description (schema:description) needs its language (for example "…"@en): add the language tag.
INSERT DATA { <agent/openai> schema:description "Entreprise d’intelligence artificielle." }
