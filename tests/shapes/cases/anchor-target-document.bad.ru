# An anchor whose target is the document itself, not a specific resource.
# expect: ckb:AnnotationShape-target <anchor/leak> An anchor needs exactly one target (oa:hasTarget), the passage it points to (an oa:SpecificResource with the document and the selectors): keep one target and describe it.
DELETE { <anchor/leak> oa:hasTarget ?old } INSERT { <anchor/leak> oa:hasTarget <source/article> } WHERE { <anchor/leak> oa:hasTarget ?old }
