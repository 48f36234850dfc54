# A target without its position selector.
# expect: ckb:SpecificResourceShape-positionSelector <anchor/leak#target> An anchor's target needs exactly one position selector (oa:TextPositionSelector), where the passage starts and ends: keep one, and compute it from the document's text.
DELETE DATA { <anchor/leak#target> oa:hasSelector <anchor/leak#position> }
