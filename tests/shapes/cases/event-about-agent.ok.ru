# An event about a thing and an agent.
# shape: ckb:EventShape-about
INSERT DATA { <event/leak> schema:about <agent/openai> }
