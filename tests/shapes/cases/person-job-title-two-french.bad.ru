# Two French job titles.
# expect: ckb:PersonShape-jobTitle <agent/camille-martin> A job title (schema:jobTitle) needs its language (for example "porte-parole"@fr), at most one per language: add the language tag, or remove the extra one.
INSERT DATA { <agent/camille-martin> schema:jobTitle "journaliste"@fr }
