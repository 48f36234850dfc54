# A position selector without its start.
# expect: ckb:TextPositionSelectorShape-start <anchor/leak#position> A position selector needs exactly one start (oa:start), the number of characters before the passage, a whole number (0 or more): compute it from the document's text.
DELETE WHERE { <anchor/leak#position> oa:start ?any }
