# Prefix and suffix are optional.
# shape: ckb:TextQuoteSelectorShape-prefix
# shape: ckb:TextQuoteSelectorShape-suffix
# shape: ckb:TextQuoteSelectorShape-prefixMatches
# shape: ckb:TextQuoteSelectorShape-suffixMatches
DELETE WHERE { <anchor/leak#quote> oa:prefix ?any } ;
DELETE WHERE { <anchor/leak#quote> oa:suffix ?any }
