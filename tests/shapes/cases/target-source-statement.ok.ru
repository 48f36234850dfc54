# A target in another document that has the same text.
# shape: ckb:SpecificResourceShape-source
# shape: ckb:SpecificResourceShape-sourceText
INSERT DATA { <source/openai-statement> schema:text "Selon le collectif, un groupe d’artistes a divulgué l’accès anticipé à Sora. OpenAI affirme que Sora est toujours en phase de recherche." } ;
DELETE { <anchor/leak#target> oa:hasSource ?old } INSERT { <anchor/leak#target> oa:hasSource <source/openai-statement> } WHERE { <anchor/leak#target> oa:hasSource ?old }
