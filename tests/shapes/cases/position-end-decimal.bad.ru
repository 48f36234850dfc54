# An end that is not a whole number.
# expect: ckb:TextPositionSelectorShape-end <anchor/leak#position> A position selector needs exactly one end (oa:end), the position just after the passage's last character, a whole number: compute it from the document's text.
DELETE { <anchor/leak#position> oa:end ?old } INSERT { <anchor/leak#position> oa:end 75.0 } WHERE { <anchor/leak#position> oa:end ?old }
