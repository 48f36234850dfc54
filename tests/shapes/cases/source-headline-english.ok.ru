# A headline in another language.
# shape: ckb:CreativeWorkShape-headline
# shape: ckb:SourceHeadlineShape
DELETE { <source/article> schema:headline ?old } INSERT { <source/article> schema:headline "Artists leak early access to Sora"@en } WHERE { <source/article> schema:headline ?old }
