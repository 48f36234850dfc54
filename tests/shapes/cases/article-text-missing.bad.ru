# A news article without its text.
# expect: ckb:NewsArticleShape-text <source/other-article> A news article needs its full text (schema:text), exactly as published, so that claims can be anchored in it: paste the text.
INSERT DATA { <source/other-article> a schema:NewsArticle ;
    schema:headline "Sora fermé"@fr ; schema:inLanguage "fr" ; schema:publisher <agent/touslestops> }
