# An anchor without a body.
# expect: ckb:AnnotationShape-body <anchor/leak> An anchor needs a body (oa:hasBody), the resource it says something about the passage with, usually the claim: add it as a link to that resource.
DELETE WHERE { <anchor/leak> oa:hasBody ?any }
