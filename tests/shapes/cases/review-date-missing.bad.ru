# A review without a publication date.
# expect: ckb:ClaimReviewShape-datePublished <review/leak> A review needs its publication date (schema:datePublished), the day it was published: add the date.
DELETE WHERE { <review/leak> schema:datePublished ?any }
