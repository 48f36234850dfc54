# Two starts.
# expect: ckb:EventShape-startDate <event/leak> An event needs exactly one start (schema:startDate): a valid date and time with its time zone, such as 2024-11-26T08:30:00-05:00, or a date such as 2024-11-26 when the time is unknown.
INSERT DATA { <event/leak> schema:startDate "2024-11-26T08:45:00-05:00"^^xsd:dateTime }
