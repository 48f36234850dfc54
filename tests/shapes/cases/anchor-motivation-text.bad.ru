# A motivation written as text.
# expect: ckb:AnnotationShape-motivatedBy <anchor/leak> An anchor needs its motivation (oa:motivatedBy), a Web Annotation motivation such as oa:identifying for the passage that states a claim: add it.
DELETE { <anchor/leak> oa:motivatedBy ?old } INSERT { <anchor/leak> oa:motivatedBy "identifying" } WHERE { <anchor/leak> oa:motivatedBy ?old }
