# A document's text with a language tag: anchors need it as plain text.
# expect: ckb:SourceTextShape <source/article> A document has at most one text (schema:text), its full text exactly as published, as plain text without a language tag (anchors count characters in it): keep one plain text.
DELETE { <source/article> schema:text ?old } INSERT { <source/article> schema:text "Selon le collectif, un groupe d’artistes a divulgué l’accès anticipé à Sora. OpenAI affirme que Sora est toujours en phase de recherche."@fr } WHERE { <source/article> schema:text ?old }
