# Two exact texts: one too many, and the second is not the text at the positions.
# expect: ckb:TextQuoteSelectorShape-exact <anchor/leak#quote> A quote selector needs exactly one exact text (oa:exact), the passage's words as plain text, not empty: copy the passage from the document.
# expect: ckb:TextQuoteSelectorShape-exactMatches <anchor/leak#quote> The exact text of the anchor (oa:exact) is not what the document says between its start and end positions: recompute the selectors from the document's text.
INSERT DATA { <anchor/leak#quote> oa:exact "un groupe d’artistes" }
