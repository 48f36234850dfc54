# A news article without its language.
# expect: ckb:NewsArticleShape-inLanguage <source/article> A news article needs the language it is written in (schema:inLanguage), such as "fr": add it.
DELETE WHERE { <source/article> schema:inLanguage ?any }
