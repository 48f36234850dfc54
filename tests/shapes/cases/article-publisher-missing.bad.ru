# A news article without its publisher.
# expect: ckb:NewsArticleShape-publisher <source/article> A news article needs its publisher (schema:publisher), the outlet that published it: add it (it is the claimant when the article speaks in its own voice).
DELETE WHERE { <source/article> schema:publisher ?any }
