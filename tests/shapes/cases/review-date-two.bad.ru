# A review with two publication dates (the rule of every creative work).
# expect: ckb:CreativeWorkShape-datePublished <review/leak> There is one publication date (schema:datePublished), a valid date such as 2024-11-27 or a date and time such as 2024-11-27T09:00:00+01:00: keep one and check it.
INSERT DATA { <review/leak> schema:datePublished "2024-12-03"^^xsd:date }
