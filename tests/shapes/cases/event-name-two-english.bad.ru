# Two English names.
# expect: ckb:EventShape-name <event/leak> An event needs a name (schema:name) with its language (for example "Fuite de Sora"@fr), at most one per language: add it or its language tag.
INSERT DATA { <event/leak> schema:name "The Sora leak"@en }
