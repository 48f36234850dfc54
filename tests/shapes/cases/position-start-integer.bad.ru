# A start typed xsd:integer instead of xsd:nonNegativeInteger.
# expect: ckb:TextPositionSelectorShape-start <anchor/leak#position> A position selector needs exactly one start (oa:start), the number of characters before the passage (0 or more, as xsd:nonNegativeInteger): compute it from the document's text.
DELETE { <anchor/leak#position> oa:start ?old } INSERT { <anchor/leak#position> oa:start 20 } WHERE { <anchor/leak#position> oa:start ?old }
