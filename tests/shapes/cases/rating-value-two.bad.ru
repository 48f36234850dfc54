# Two rating values.
# expect: ckb:RatingShape-ratingValue <review/leak#rating> A rating has at most one rating value (schema:ratingValue), a whole number (xsd:integer): keep one.
INSERT DATA { <review/leak#rating> schema:ratingValue 5 }
