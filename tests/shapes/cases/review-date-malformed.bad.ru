# A review date that does not exist (30 February).
# expect: ckb:CreativeWorkShape-datePublished <review/leak> There is one publication date (schema:datePublished), a valid date such as 2024-11-27 or a date and time such as 2024-11-27T09:00:00+01:00: keep one and check it.
DELETE { <review/leak> schema:datePublished ?old } INSERT { <review/leak> schema:datePublished "2024-02-30"^^xsd:date } WHERE { <review/leak> schema:datePublished ?old }
