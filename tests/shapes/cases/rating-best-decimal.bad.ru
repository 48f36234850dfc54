# A best rating that is not a whole number.
# expect: ckb:RatingShape-bestRating <review/leak#rating> A rating has at most one best rating (schema:bestRating), a whole number (xsd:integer): keep one.
DELETE { <review/leak#rating> schema:bestRating ?old } INSERT { <review/leak#rating> schema:bestRating 6.0 } WHERE { <review/leak#rating> schema:bestRating ?old }
