# A quote selector without its exact text.
# expect: ckb:TextQuoteSelectorShape-exact <anchor/leak#quote> A quote selector needs exactly one exact text (oa:exact), the passage's words as plain text, not empty: copy the passage from the document.
DELETE WHERE { <anchor/leak#quote> oa:exact ?any }
