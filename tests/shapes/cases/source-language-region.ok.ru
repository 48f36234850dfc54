# A language code with a region.
# shape: ckb:CreativeWorkShape-inLanguage
# shape: ckb:NewsArticleShape-inLanguage
DELETE { <source/article> schema:inLanguage ?old } INSERT { <source/article> schema:inLanguage "fr-FR" } WHERE { <source/article> schema:inLanguage ?old }
