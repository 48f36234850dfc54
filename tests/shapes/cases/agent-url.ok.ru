# A person's web address.
# shape: ckb:AgentShape-url
INSERT DATA { <agent/camille-martin> schema:url <https://touslestops.example/equipe/camille-martin> }
