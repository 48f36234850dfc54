# A verdict outside the six-step scale, without a rating value.
# shape: ckb:RatingShape-verdict
# shape: ckb:RatingShape-alternateName
DELETE WHERE { <review/leak#rating> schema:ratingValue ?v ; schema:bestRating ?b ; schema:worstRating ?w } ;
DELETE { <review/leak#rating> ckb:verdict ?old } INSERT { <review/leak#rating> ckb:verdict ckb:Misquoted } WHERE { <review/leak#rating> ckb:verdict ?old } ;
DELETE WHERE { <review/leak#rating> schema:alternateName ?name } ;
INSERT DATA { <review/leak#rating> schema:alternateName "Citation déformée"@fr , "Misquoted"@en }
