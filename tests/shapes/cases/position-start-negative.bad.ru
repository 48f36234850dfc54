# A negative start (not a valid xsd:nonNegativeInteger).
# expect: ckb:TextPositionSelectorShape-start <anchor/leak#position> A position selector needs exactly one start (oa:start), the number of characters before the passage, a whole number (0 or more): compute it from the document's text.
DELETE { <anchor/leak#position> oa:start ?old } INSERT { <anchor/leak#position> oa:start "-1"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:start ?old }
