# A target in two documents (even with the same text).
# expect: ckb:SpecificResourceShape-source <anchor/leak#target> An anchor's target needs exactly one document (oa:hasSource), the document where the passage is: keep one, as a link to the document.
INSERT DATA { <anchor/leak#target> oa:hasSource <source/article-copy> .
    <source/article-copy> a schema:NewsArticle ; schema:headline "Copie"@fr ; schema:inLanguage "fr" ;
        schema:publisher <agent/touslestops> ;
        schema:text "Selon le collectif, un groupe d’artistes a divulgué l’accès anticipé à Sora. OpenAI affirme que Sora est toujours en phase de recherche." }
