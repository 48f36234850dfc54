# An anchor with two targets.
# expect: ckb:AnnotationShape-target <anchor/leak> An anchor needs exactly one target (oa:hasTarget), the passage it points to (an oa:SpecificResource with the document and the selectors): keep one target and describe it.
INSERT DATA { <anchor/leak> oa:hasTarget <anchor/leak#target2> .
    <anchor/leak#target2> a oa:SpecificResource ; oa:hasSource <source/article> ;
        oa:hasSelector <anchor/leak#quote> , <anchor/leak#position> }
