# A passage that ends the text: end equals the text's length, the suffix is empty.
# shape: ckb:TextQuoteSelectorShape-withinText
# shape: ckb:TextQuoteSelectorShape-exactMatches
# shape: ckb:TextQuoteSelectorShape-suffixMatches
# shape: ckb:TextQuoteSelectorShape-suffix
# shape: ckb:TextPositionSelectorShape-start
# shape: ckb:TextPositionSelectorShape-end
# shape: ckb:TextPositionSelectorShape-startBeforeEnd
DELETE { <anchor/leak#quote> oa:exact ?old } INSERT { <anchor/leak#quote> oa:exact "recherche." } WHERE { <anchor/leak#quote> oa:exact ?old } ;
DELETE { <anchor/leak#quote> oa:prefix ?old } INSERT { <anchor/leak#quote> oa:prefix "e Sora est toujours en phase de " } WHERE { <anchor/leak#quote> oa:prefix ?old } ;
DELETE { <anchor/leak#quote> oa:suffix ?old } INSERT { <anchor/leak#quote> oa:suffix "" } WHERE { <anchor/leak#quote> oa:suffix ?old } ;
DELETE { <anchor/leak#position> oa:start ?old } INSERT { <anchor/leak#position> oa:start "126"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:start ?old } ;
DELETE { <anchor/leak#position> oa:end ?old } INSERT { <anchor/leak#position> oa:end "136"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:end ?old }
