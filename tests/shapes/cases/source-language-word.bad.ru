# A language written as a word, not as a code.
# expect: ckb:CreativeWorkShape-inLanguage <source/article> A document is written in one language (schema:inLanguage), given as a language code such as "fr", "en" or "fr-FR": keep one and use its code.
DELETE { <source/article> schema:inLanguage ?old } INSERT { <source/article> schema:inLanguage "français" } WHERE { <source/article> schema:inLanguage ?old }
