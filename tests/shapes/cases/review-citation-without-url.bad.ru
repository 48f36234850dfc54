# A cited document without a web address.
# expect: ckb:ClaimReviewShape-citationUrl <review/leak> A document cited as evidence (schema:citation) needs its web address (schema:url), so that readers can check it: add the document's url.
INSERT DATA { <review/leak> schema:citation <source/open-letter> .
    <source/open-letter> a schema:CreativeWork ; schema:headline "Open letter"@en }
