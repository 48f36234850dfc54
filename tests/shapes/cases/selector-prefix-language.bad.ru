# A prefix with a language tag.
# expect: ckb:TextQuoteSelectorShape-prefix <anchor/leak#quote> A quote selector has at most one prefix (oa:prefix), the plain text just before the passage: keep one, without a language tag.
DELETE { <anchor/leak#quote> oa:prefix ?old } INSERT { <anchor/leak#quote> oa:prefix "Selon le collectif, "@fr } WHERE { <anchor/leak#quote> oa:prefix ?old }
