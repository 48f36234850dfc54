# A date written in words.
# expect: ckb:CreativeWorkShape-datePublished <source/article> There is one publication date (schema:datePublished), a valid date such as 2024-11-27 or a date and time such as 2024-11-27T09:00:00+01:00: keep one and check it.
DELETE { <source/article> schema:datePublished ?old } INSERT { <source/article> schema:datePublished "27 novembre 2024" } WHERE { <source/article> schema:datePublished ?old }
