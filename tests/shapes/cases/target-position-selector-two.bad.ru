# A target with two position selectors.
# expect: ckb:SpecificResourceShape-positionSelector <anchor/leak#target> An anchor's target needs exactly one position selector (oa:TextPositionSelector), where the passage starts and ends: keep one, and compute it from the document's text.
INSERT DATA { <anchor/leak#target> oa:hasSelector <anchor/leak#position2> .
    <anchor/leak#position2> a oa:TextPositionSelector ;
        oa:start "20"^^xsd:nonNegativeInteger ; oa:end "75"^^xsd:nonNegativeInteger }
