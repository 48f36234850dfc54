# A position selector without its end.
# expect: ckb:TextPositionSelectorShape-end <anchor/leak#position> A position selector needs exactly one end (oa:end), the position just after the passage's last character, a whole number: compute it from the document's text.
DELETE WHERE { <anchor/leak#position> oa:end ?any }
