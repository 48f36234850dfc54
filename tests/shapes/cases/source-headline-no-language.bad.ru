# A headline without its language tag.
# expect: ckb:CreativeWorkShape-headline <source/article> A document has one headline (schema:headline), with the language it is written in (for example "…"@fr): keep only one and give it its language tag.
DELETE { <source/article> schema:headline ?old } INSERT { <source/article> schema:headline "Des artistes divulguent l’accès anticipé à Sora" } WHERE { <source/article> schema:headline ?old }
