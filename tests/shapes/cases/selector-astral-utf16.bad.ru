# Positions counted in UTF-16 units (the emoji counted twice) land one character late.
# expect: ckb:TextQuoteSelectorShape-exactMatches <anchor/leak#quote> The exact text of the anchor (oa:exact) is not what the document says between its start and end positions: recompute the selectors from the document's text.
# expect: ckb:TextQuoteSelectorShape-prefixMatches <anchor/leak#quote> The prefix of the anchor (oa:prefix) is not the text just before the passage in the document: recompute the selectors from the document's text.
# expect: ckb:TextQuoteSelectorShape-suffixMatches <anchor/leak#quote> The suffix of the anchor (oa:suffix) is not the text just after the passage in the document: recompute the selectors from the document's text.
DELETE { <source/article> schema:text ?old } INSERT { <source/article> schema:text "🎨 Selon le collectif, un groupe d’artistes a divulgué l’accès anticipé à Sora. OpenAI affirme que Sora est toujours en phase de recherche." } WHERE { <source/article> schema:text ?old } ;
DELETE { <anchor/leak#position> oa:start ?old } INSERT { <anchor/leak#position> oa:start "23"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:start ?old } ;
DELETE { <anchor/leak#position> oa:end ?old } INSERT { <anchor/leak#position> oa:end "78"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:end ?old }
