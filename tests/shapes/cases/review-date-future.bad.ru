# A review dated in the future.
# expect: ckb:ClaimReviewShape-notInFuture <review/leak> A review's publication date (schema:datePublished) is after today: a review cannot be published in the future; use today's date or an earlier one.
DELETE { <review/leak> schema:datePublished ?old } INSERT { <review/leak> schema:datePublished "2999-12-31"^^xsd:date } WHERE { <review/leak> schema:datePublished ?old }
