# A plain name and names per language.
# shape: ckb:AgentShape-name
INSERT DATA { <agent/openai> schema:name "OpenAI"@en , "OpenAI"@fr }
