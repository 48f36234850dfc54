# Two headlines in the same document.
# expect: ckb:CreativeWorkShape-headline <source/article> A document has one headline (schema:headline), with the language it is written in (for example "…"@fr): keep only one and give it its language tag.
INSERT DATA { <source/article> schema:headline "Sora : la fuite"@fr }
