# A review date with a time, in the past.
# shape: ckb:ClaimReviewShape-notInFuture
# shape: ckb:ClaimReviewShape-datePublished
DELETE { <review/leak> schema:datePublished ?old } INSERT { <review/leak> schema:datePublished "2024-12-02T18:30:00+01:00"^^xsd:dateTime } WHERE { <review/leak> schema:datePublished ?old }
