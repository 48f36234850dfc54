# An exact text with a language tag.
# expect: ckb:TextQuoteSelectorShape-exact <anchor/leak#quote> A quote selector needs exactly one exact text (oa:exact), the passage's words as plain text, not empty: copy the passage from the document.
DELETE { <anchor/leak#quote> oa:exact ?old } INSERT { <anchor/leak#quote> oa:exact "un groupe d’artistes a divulgué l’accès anticipé à Sora"@fr } WHERE { <anchor/leak#quote> oa:exact ?old }
