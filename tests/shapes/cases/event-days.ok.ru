# Two dates, the end the day after the start.
# shape: ckb:EventShape-endDate
# shape: ckb:EventShape-endNotBeforeStart
DELETE { <event/leak> schema:startDate ?old } INSERT { <event/leak> schema:startDate "2024-11-26"^^xsd:date } WHERE { <event/leak> schema:startDate ?old } ;
DELETE { <event/leak> schema:endDate ?old } INSERT { <event/leak> schema:endDate "2024-11-27"^^xsd:date } WHERE { <event/leak> schema:endDate ?old }
