# A language code given with a language tag instead of as a plain string.
# expect: ckb:CreativeWorkShape-inLanguage <source/article> A document is written in one language (schema:inLanguage), given as a language code such as "fr", "en" or "fr-FR": keep one and use its code.
DELETE { <source/article> schema:inLanguage ?old } INSERT { <source/article> schema:inLanguage "fr"@fr } WHERE { <source/article> schema:inLanguage ?old }
