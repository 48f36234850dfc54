# Two best ratings.
# expect: ckb:RatingShape-bestRating <review/leak#rating> A rating has at most one best rating (schema:bestRating), a whole number (xsd:integer): keep one.
INSERT DATA { <review/leak#rating> schema:bestRating 10 }
