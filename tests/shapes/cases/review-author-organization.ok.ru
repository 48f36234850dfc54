# A team (an organization) signs the review.
# shape: ckb:ClaimReviewShape-author
DELETE { <review/leak> schema:author ?old } INSERT { <review/leak> schema:author <agent/touslestops> } WHERE { <review/leak> schema:author ?old }
