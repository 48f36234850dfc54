# A document dated in the future.
# expect: ckb:SourceDateShape <source/article> A document's publication date (schema:datePublished) is after today: a document cannot be published in the future; check the date.
DELETE { <source/article> schema:datePublished ?old } INSERT { <source/article> schema:datePublished "2999-12-31"^^xsd:date } WHERE { <source/article> schema:datePublished ?old }
