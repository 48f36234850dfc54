# Two starts: one too many, and at the second one the quote no longer matches.
# expect: ckb:TextPositionSelectorShape-start <anchor/leak#position> A position selector needs exactly one start (oa:start), the number of characters before the passage, a whole number (0 or more): compute it from the document's text.
# expect: ckb:TextQuoteSelectorShape-exactMatches <anchor/leak#quote> The exact text of the anchor (oa:exact) is not what the document says between its start and end positions: recompute the selectors from the document's text.
# expect: ckb:TextQuoteSelectorShape-prefixMatches <anchor/leak#quote> The prefix of the anchor (oa:prefix) is not the text just before the passage in the document: recompute the selectors from the document's text.
INSERT DATA { <anchor/leak#position> oa:start "21"^^xsd:nonNegativeInteger }
