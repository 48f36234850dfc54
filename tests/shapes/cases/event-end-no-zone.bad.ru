# An end time without its time zone.
# expect: ckb:EventShape-endDate <event/leak> An event has at most one end (schema:endDate): a valid date and time with its time zone, such as 2024-11-26T12:01:00-05:00, or a date such as 2024-11-26 when the time is unknown.
DELETE { <event/leak> schema:endDate ?old } INSERT { <event/leak> schema:endDate "2024-11-26T12:01:00"^^xsd:dateTime } WHERE { <event/leak> schema:endDate ?old }
