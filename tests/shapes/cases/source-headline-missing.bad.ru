# A document (not a claim or a review) without a headline.
# expect: ckb:SourceHeadlineShape <source/openai-statement> A document needs a headline (schema:headline): copy its title, with its language (for example "…"@fr).
DELETE WHERE { <source/openai-statement> schema:headline ?any }
