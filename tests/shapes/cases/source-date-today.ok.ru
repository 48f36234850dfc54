# A document published today (the date is computed when the case runs).
# shape: ckb:SourceDateShape
DELETE { <source/article> schema:datePublished ?old }
INSERT { <source/article> schema:datePublished ?today }
WHERE { <source/article> schema:datePublished ?old BIND (STRDT(SUBSTR(STR(NOW()), 1, 10), xsd:date) AS ?today) }
