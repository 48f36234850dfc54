# A start date that does not exist.
# expect: ckb:EventShape-startDate <event/leak> An event needs exactly one start (schema:startDate): a valid date and time with its time zone, such as 2024-11-26T08:30:00-05:00, or a date such as 2024-11-26 when the time is unknown.
DELETE { <event/leak> schema:startDate ?old } INSERT { <event/leak> schema:startDate "2024-13-45"^^xsd:date } WHERE { <event/leak> schema:startDate ?old }
