# Two prefixes (both true).
# expect: ckb:TextQuoteSelectorShape-prefix <anchor/leak#quote> A quote selector has at most one prefix (oa:prefix), the plain text just before the passage: keep one, without a language tag.
INSERT DATA { <anchor/leak#quote> oa:prefix "collectif, " }
