# A person working for two organizations.
# shape: ckb:PersonShape-worksFor
INSERT DATA { <agent/camille-martin> schema:worksFor <agent/openai> }
