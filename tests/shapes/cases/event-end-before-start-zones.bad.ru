# An end that reads later (09:00) but is earlier: 09:00+01:00 is 08:00Z, the start 13:30Z.
# expect: ckb:EventShape-endNotBeforeStart <event/leak> An event cannot end (schema:endDate) before it starts (schema:startDate): check both moments and their time zones.
DELETE { <event/leak> schema:endDate ?old } INSERT { <event/leak> schema:endDate "2024-11-26T09:00:00+01:00"^^xsd:dateTime } WHERE { <event/leak> schema:endDate ?old }
