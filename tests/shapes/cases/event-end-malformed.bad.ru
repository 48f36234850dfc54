# An end date that does not exist (31 November).
# expect: ckb:EventShape-endDate <event/leak> An event has at most one end (schema:endDate): a valid date and time with its time zone, such as 2024-11-26T12:01:00-05:00, or a date such as 2024-11-26 when the time is unknown.
DELETE { <event/leak> schema:endDate ?old } INSERT { <event/leak> schema:endDate "2024-11-31"^^xsd:date } WHERE { <event/leak> schema:endDate ?old }
