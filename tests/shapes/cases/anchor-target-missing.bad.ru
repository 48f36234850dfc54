# An anchor without a target.
# expect: ckb:AnnotationShape-target <anchor/leak> An anchor needs exactly one target (oa:hasTarget), the passage it points to (an oa:SpecificResource with the document and the selectors): keep one target and describe it.
DELETE WHERE { <anchor/leak> oa:hasTarget ?any }
