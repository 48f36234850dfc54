# A passage that starts the text: start 0, the prefix is empty.
# shape: ckb:TextQuoteSelectorShape-prefixMatches
# shape: ckb:TextQuoteSelectorShape-prefix
# shape: ckb:TextPositionSelectorShape-start
DELETE { <anchor/leak#quote> oa:exact ?old } INSERT { <anchor/leak#quote> oa:exact "Selon le collectif" } WHERE { <anchor/leak#quote> oa:exact ?old } ;
DELETE { <anchor/leak#quote> oa:prefix ?old } INSERT { <anchor/leak#quote> oa:prefix "" } WHERE { <anchor/leak#quote> oa:prefix ?old } ;
DELETE { <anchor/leak#quote> oa:suffix ?old } INSERT { <anchor/leak#quote> oa:suffix ", un groupe" } WHERE { <anchor/leak#quote> oa:suffix ?old } ;
DELETE { <anchor/leak#position> oa:start ?old } INSERT { <anchor/leak#position> oa:start "0"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:start ?old } ;
DELETE { <anchor/leak#position> oa:end ?old } INSERT { <anchor/leak#position> oa:end "18"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:end ?old }
