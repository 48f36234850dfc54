# An identifying anchor with two claims as bodies.
# expect: ckb:AnnotationShape-identifiesOne <anchor/leak> An anchor that identifies a claim (oa:identifying) has exactly one body, that claim: make one anchor per claim.
INSERT DATA { <anchor/leak> oa:hasBody <claim/research-phase> }
