# An end that reads earlier (08:00) but is later: 08:00-06:00 is 14:00Z, the start 13:30Z.
# shape: ckb:EventShape-endNotBeforeStart
DELETE { <event/leak> schema:endDate ?old } INSERT { <event/leak> schema:endDate "2024-11-26T08:00:00-06:00"^^xsd:dateTime } WHERE { <event/leak> schema:endDate ?old }
