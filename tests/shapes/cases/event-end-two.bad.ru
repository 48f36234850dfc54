# Two ends.
# expect: ckb:EventShape-endDate <event/leak> An event has at most one end (schema:endDate): a valid date and time with its time zone, such as 2024-11-26T12:01:00-05:00, or a date such as 2024-11-26 when the time is unknown.
INSERT DATA { <event/leak> schema:endDate "2024-11-26T12:30:00-05:00"^^xsd:dateTime }
