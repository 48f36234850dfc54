# A start in UTC (Z).
# shape: ckb:EventShape-startDate
# shape: ckb:EventShape-endNotBeforeStart
DELETE { <event/leak> schema:startDate ?old } INSERT { <event/leak> schema:startDate "2024-11-26T13:30:00Z"^^xsd:dateTime } WHERE { <event/leak> schema:startDate ?old }
