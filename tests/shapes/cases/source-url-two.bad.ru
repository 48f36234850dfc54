# Two web addresses for one document.
# expect: ckb:CreativeWorkShape-url <source/article> A document, claim or review has at most one web address (schema:url), given as a link (IRI), not as text: keep one and enter it as a link.
INSERT DATA { <source/article> schema:url <https://touslestops.example/sora-fuite?amp=1> }
