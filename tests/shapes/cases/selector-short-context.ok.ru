# A shorter prefix and suffix still match.
# shape: ckb:TextQuoteSelectorShape-prefixMatches
# shape: ckb:TextQuoteSelectorShape-suffixMatches
DELETE { <anchor/leak#quote> oa:prefix ?old } INSERT { <anchor/leak#quote> oa:prefix "collectif, " } WHERE { <anchor/leak#quote> oa:prefix ?old } ;
DELETE { <anchor/leak#quote> oa:suffix ?old } INSERT { <anchor/leak#quote> oa:suffix ". " } WHERE { <anchor/leak#quote> oa:suffix ?old }
