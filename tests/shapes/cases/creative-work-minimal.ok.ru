# A document that is not a news article needs only its headline.
# shape: ckb:NewsArticleShape-inLanguage
# shape: ckb:NewsArticleShape-publisher
# shape: ckb:SourceHeadlineShape
INSERT DATA { <source/open-letter> a schema:CreativeWork ; schema:headline "Open letter"@en }
