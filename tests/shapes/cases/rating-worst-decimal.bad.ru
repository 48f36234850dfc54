# A worst rating that is not a whole number.
# expect: ckb:RatingShape-worstRating <review/leak#rating> A rating has at most one worst rating (schema:worstRating), a whole number (xsd:integer): keep one.
DELETE { <review/leak#rating> schema:worstRating ?old } INSERT { <review/leak#rating> schema:worstRating 1.0 } WHERE { <review/leak#rating> schema:worstRating ?old }
