# A suffix with a language tag.
# expect: ckb:TextQuoteSelectorShape-suffix <anchor/leak#quote> A quote selector has at most one suffix (oa:suffix), the plain text just after the passage: keep one, without a language tag.
DELETE { <anchor/leak#quote> oa:suffix ?old } INSERT { <anchor/leak#quote> oa:suffix ". OpenAI affirme que Sora est to"@fr } WHERE { <anchor/leak#quote> oa:suffix ?old }
