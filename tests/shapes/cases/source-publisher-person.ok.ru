# A person as publisher.
# shape: ckb:CreativeWorkShape-publisher
# shape: ckb:NewsArticleShape-publisher
DELETE { <source/article> schema:publisher ?old } INSERT { <source/article> schema:publisher <agent/camille-martin> } WHERE { <source/article> schema:publisher ?old }
