# Two cited documents, each with its web address.
# shape: ckb:ClaimReviewShape-citation
# shape: ckb:ClaimReviewShape-citationUrl
INSERT DATA { <review/leak> schema:citation <source/article> }
