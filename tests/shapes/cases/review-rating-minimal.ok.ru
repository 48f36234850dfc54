# A rating with only its verdict and label.
# shape: ckb:ClaimReviewShape-reviewRating
# shape: ckb:RatingShape-ratingValue
# shape: ckb:RatingShape-bestRating
# shape: ckb:RatingShape-worstRating
# shape: ckb:RatingShape-notAboveBest
# shape: ckb:RatingShape-notBelowWorst
DELETE WHERE { <review/leak#rating> schema:ratingValue ?v ; schema:bestRating ?b ; schema:worstRating ?w }
