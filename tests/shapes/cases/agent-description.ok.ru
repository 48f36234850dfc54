# A description with its language.
# shape: ckb:AgentShape-description
INSERT DATA { <agent/openai> schema:description "Entreprise d’intelligence artificielle."@fr }
