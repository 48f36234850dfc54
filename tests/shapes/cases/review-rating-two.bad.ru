# Two ratings for one review.
# expect: ckb:ClaimReviewShape-reviewRating <review/leak> A review needs exactly one rating (schema:reviewRating), a schema:Rating that holds the verdict: add the rating.
INSERT DATA { <review/leak> schema:reviewRating <review/leak#rating2> .
    <review/leak#rating2> a schema:Rating ; ckb:verdict ckb:MostlyTrue ;
        schema:alternateName "Plutôt vrai"@fr }
