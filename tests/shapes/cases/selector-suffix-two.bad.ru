# Two suffixes (both true).
# expect: ckb:TextQuoteSelectorShape-suffix <anchor/leak#quote> A quote selector has at most one suffix (oa:suffix), the plain text just after the passage: keep one, without a language tag.
INSERT DATA { <anchor/leak#quote> oa:suffix ". " }
