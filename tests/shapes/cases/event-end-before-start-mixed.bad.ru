# A start with a time, an end known to the day before.
# expect: ckb:EventShape-endNotBeforeStart <event/leak> An event cannot end (schema:endDate) before it starts (schema:startDate): check both moments and their time zones.
DELETE { <event/leak> schema:endDate ?old } INSERT { <event/leak> schema:endDate "2024-11-25"^^xsd:date } WHERE { <event/leak> schema:endDate ?old }
