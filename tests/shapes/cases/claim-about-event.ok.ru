# A claim about an event and an agent.
# shape: ckb:ClaimShape-about
INSERT DATA { <claim/research-phase> schema:about <event/leak> , <agent/openai> }
