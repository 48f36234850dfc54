# A review published today (the date is computed when the case runs).
# shape: ckb:ClaimReviewShape-notInFuture
# shape: ckb:ClaimReviewShape-datePublished
# shape: ckb:CreativeWorkShape-datePublished
DELETE { <review/leak> schema:datePublished ?old }
INSERT { <review/leak> schema:datePublished ?today }
WHERE { <review/leak> schema:datePublished ?old BIND (STRDT(SUBSTR(STR(NOW()), 1, 10), xsd:date) AS ?today) }
