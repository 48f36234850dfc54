# A takedown without its start: subclasses of schema:Event are events too.
# expect: ckb:EventShape-startDate <event/takedown> An event needs exactly one start (schema:startDate): a valid date and time with its time zone, such as 2024-11-26T08:30:00-05:00, or a date such as 2024-11-26 when the time is unknown.
INSERT DATA { <event/takedown> a ckb:Takedown ; schema:name "Fermeture de l’accès"@fr }
