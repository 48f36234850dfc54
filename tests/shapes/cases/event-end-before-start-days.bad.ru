# Two dates, the end the day before the start.
# expect: ckb:EventShape-endNotBeforeStart <event/leak> An event cannot end (schema:endDate) before it starts (schema:startDate): check both moments and their time zones.
DELETE { <event/leak> schema:startDate ?old } INSERT { <event/leak> schema:startDate "2024-11-26"^^xsd:date } WHERE { <event/leak> schema:startDate ?old } ;
DELETE { <event/leak> schema:endDate ?old } INSERT { <event/leak> schema:endDate "2024-11-25"^^xsd:date } WHERE { <event/leak> schema:endDate ?old }
