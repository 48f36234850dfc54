# A start that is not a number at all (so not before the end either).
# expect: ckb:TextPositionSelectorShape-start <anchor/leak#position> A position selector needs exactly one start (oa:start), the number of characters before the passage, a whole number (0 or more): compute it from the document's text.
# expect: ckb:TextPositionSelectorShape-startBeforeEnd <anchor/leak#position> A passage's start (oa:start) must come before its end (oa:end): an anchor covers at least one character; recompute the positions from the document's text.
DELETE { <anchor/leak#position> oa:start ?old } INSERT { <anchor/leak#position> oa:start "vingt"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:start ?old }
