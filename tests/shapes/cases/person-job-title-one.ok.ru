# One job title.
# shape: ckb:PersonShape-jobTitle
DELETE DATA { <agent/camille-martin> schema:jobTitle "fact-checker"@en }
