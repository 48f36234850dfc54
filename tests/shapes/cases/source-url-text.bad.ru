# A web address written as text instead of a link.
# expect: ckb:CreativeWorkShape-url <source/article> A document, claim or review has at most one web address (schema:url), given as a link (IRI), not as text: keep one and enter it as a link.
DELETE { <source/article> schema:url ?old } INSERT { <source/article> schema:url "https://touslestops.example/sora-fuite" } WHERE { <source/article> schema:url ?old }
