# An event without an end.
# shape: ckb:EventShape-endDate
# shape: ckb:EventShape-endNotBeforeStart
DELETE WHERE { <event/leak> schema:endDate ?any }
