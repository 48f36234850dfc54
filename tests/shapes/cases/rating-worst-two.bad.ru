# Two worst ratings.
# expect: ckb:RatingShape-worstRating <review/leak#rating> A rating has at most one worst rating (schema:worstRating), a whole number (xsd:integer): keep one.
INSERT DATA { <review/leak#rating> schema:worstRating 0 }
