# A rating value below the worst rating.
# expect: ckb:RatingShape-notBelowWorst <review/leak#rating> The rating value (schema:ratingValue) is below the worst rating (schema:worstRating): correct one of them.
DELETE { <review/leak#rating> schema:ratingValue ?old } INSERT { <review/leak#rating> schema:ratingValue 0 } WHERE { <review/leak#rating> schema:ratingValue ?old }
