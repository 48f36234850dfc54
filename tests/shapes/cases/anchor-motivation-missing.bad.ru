# An anchor without its motivation.
# expect: ckb:AnnotationShape-motivatedBy <anchor/leak> An anchor needs its motivation (oa:motivatedBy), a Web Annotation motivation such as oa:identifying for the passage that states a claim: add it.
DELETE WHERE { <anchor/leak> oa:motivatedBy ?any }
