# An event without a name.
# expect: ckb:EventShape-name <event/leak> An event needs a name (schema:name) with its language (for example "Fuite de Sora"@fr), at most one per language: add it or its language tag.
DELETE WHERE { <event/leak> schema:name ?any }
