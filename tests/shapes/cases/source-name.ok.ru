# Names as plain text or with a language.
# shape: ckb:CreativeWorkShape-name
INSERT DATA { <source/article> schema:name "Article de Tous les stops" , "Tous les stops article"@en }
