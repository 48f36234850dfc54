# An end before the start, same time zone.
# expect: ckb:EventShape-endNotBeforeStart <event/leak> An event cannot end (schema:endDate) before it starts (schema:startDate): check both moments and their time zones.
DELETE { <event/leak> schema:endDate ?old } INSERT { <event/leak> schema:endDate "2024-11-26T08:00:00-05:00"^^xsd:dateTime } WHERE { <event/leak> schema:endDate ?old }
