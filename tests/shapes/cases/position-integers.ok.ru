# Positions typed xsd:integer, as Oxigraph stores xsd:nonNegativeInteger.
# shape: ckb:TextPositionSelectorShape-start
# shape: ckb:TextPositionSelectorShape-end
# shape: ckb:TextQuoteSelectorShape-exactMatches
# shape: ckb:TextQuoteSelectorShape-prefixMatches
# shape: ckb:TextQuoteSelectorShape-suffixMatches
# shape: ckb:TextQuoteSelectorShape-withinText
DELETE { <anchor/leak#position> oa:start ?old } INSERT { <anchor/leak#position> oa:start 20 } WHERE { <anchor/leak#position> oa:start ?old } ;
DELETE { <anchor/leak#position> oa:end ?old } INSERT { <anchor/leak#position> oa:end 75 } WHERE { <anchor/leak#position> oa:end ?old }
