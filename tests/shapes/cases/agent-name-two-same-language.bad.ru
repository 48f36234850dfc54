# Two French names for one person.
# expect: ckb:AgentShape-name <agent/camille-martin> A person or an organization needs a name (schema:name), as text, at most one per language: add the name, or remove the extra one.
INSERT DATA { <agent/camille-martin> schema:name "Camille"@fr , "Camille M."@fr }
