# An identifying anchor whose body is the document, not a claim.
# expect: ckb:AnnotationShape-identifiesClaim <anchor/leak> An anchor that identifies a claim (oa:identifying) must have that claim as its body (oa:hasBody): link it to the claim, not to another kind of resource.
DELETE { <anchor/leak> oa:hasBody ?old } INSERT { <anchor/leak> oa:hasBody <source/article> } WHERE { <anchor/leak> oa:hasBody ?old }
