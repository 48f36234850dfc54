# A publication date with a time.
# shape: ckb:CreativeWorkShape-datePublished
DELETE { <source/article> schema:datePublished ?old } INSERT { <source/article> schema:datePublished "2024-11-27T09:00:00+01:00"^^xsd:dateTime } WHERE { <source/article> schema:datePublished ?old }
