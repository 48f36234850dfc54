# A rating value that is not a whole number.
# expect: ckb:RatingShape-ratingValue <review/leak#rating> A rating has at most one rating value (schema:ratingValue), a whole number (xsd:integer): keep one.
DELETE { <review/leak#rating> schema:ratingValue ?old } INSERT { <review/leak#rating> schema:ratingValue 5.5 } WHERE { <review/leak#rating> schema:ratingValue ?old }
