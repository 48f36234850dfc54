# A start known only to the day, and an end with a time on that day.
# shape: ckb:EventShape-startDate
# shape: ckb:EventShape-endNotBeforeStart
DELETE { <event/leak> schema:startDate ?old } INSERT { <event/leak> schema:startDate "2024-11-26"^^xsd:date } WHERE { <event/leak> schema:startDate ?old }
