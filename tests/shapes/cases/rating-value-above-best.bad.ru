# A rating value above the best rating.
# expect: ckb:RatingShape-notAboveBest <review/leak#rating> The rating value (schema:ratingValue) is above the best rating (schema:bestRating): correct one of them.
DELETE { <review/leak#rating> schema:ratingValue ?old } INSERT { <review/leak#rating> schema:ratingValue 7 } WHERE { <review/leak#rating> schema:ratingValue ?old }
