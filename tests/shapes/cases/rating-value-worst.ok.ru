# A rating value equal to the worst rating (the bounds are included).
# shape: ckb:RatingShape-notAboveBest
# shape: ckb:RatingShape-notBelowWorst
# shape: ckb:RatingShape-ratingValue
# shape: ckb:RatingShape-bestRating
# shape: ckb:RatingShape-worstRating
# shape: ckb:RatingShape-verdict
# shape: ckb:RatingShape-alternateName
DELETE { <review/leak#rating> schema:ratingValue ?old } INSERT { <review/leak#rating> schema:ratingValue 1 } WHERE { <review/leak#rating> schema:ratingValue ?old } ;
DELETE { <review/leak#rating> ckb:verdict ?old } INSERT { <review/leak#rating> ckb:verdict ckb:False } WHERE { <review/leak#rating> ckb:verdict ?old } ;
DELETE WHERE { <review/leak#rating> schema:alternateName ?name } ;
INSERT DATA { <review/leak#rating> schema:alternateName "Faux"@fr , "False"@en }
