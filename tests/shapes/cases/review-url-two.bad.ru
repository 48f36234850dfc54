# Two web addresses for one review (the rule holds for every creative work).
# expect: ckb:CreativeWorkShape-url <review/leak> A document, claim or review has at most one web address (schema:url), given as a link (IRI), not as text: keep one and enter it as a link.
INSERT DATA { <review/leak> schema:url <https://touslestops.example/verification/sora> }
