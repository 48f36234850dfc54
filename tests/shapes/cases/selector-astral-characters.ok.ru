# Positions count code points: "🎨 " before the passage shifts it by two (the emoji is one code point, two UTF-16 units).
# shape: ckb:TextQuoteSelectorShape-exactMatches
# shape: ckb:TextQuoteSelectorShape-prefixMatches
# shape: ckb:TextQuoteSelectorShape-suffixMatches
DELETE { <source/article> schema:text ?old } INSERT { <source/article> schema:text "🎨 Selon le collectif, un groupe d’artistes a divulgué l’accès anticipé à Sora. OpenAI affirme que Sora est toujours en phase de recherche." } WHERE { <source/article> schema:text ?old } ;
DELETE { <anchor/leak#position> oa:start ?old } INSERT { <anchor/leak#position> oa:start "22"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:start ?old } ;
DELETE { <anchor/leak#position> oa:end ?old } INSERT { <anchor/leak#position> oa:end "77"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:end ?old }
