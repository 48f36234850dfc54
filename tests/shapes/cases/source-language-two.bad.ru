# Two languages for one document.
# expect: ckb:CreativeWorkShape-inLanguage <source/article> A document is written in one language (schema:inLanguage), given as a language code such as "fr", "en" or "fr-FR": keep one and use its code.
INSERT DATA { <source/article> schema:inLanguage "en" }
