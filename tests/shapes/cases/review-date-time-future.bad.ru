# A review dated in the future, with a time.
# expect: ckb:ClaimReviewShape-notInFuture <review/leak> A review's publication date (schema:datePublished) is after today: a review cannot be published in the future; use today's date or an earlier one.
DELETE { <review/leak> schema:datePublished ?old } INSERT { <review/leak> schema:datePublished "2999-01-01T10:00:00Z"^^xsd:dateTime } WHERE { <review/leak> schema:datePublished ?old }
