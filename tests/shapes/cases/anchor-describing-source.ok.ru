# An annotation that describes (not identifies) may have any resource as its body.
# shape: ckb:AnnotationShape-motivatedBy
# shape: ckb:AnnotationShape-body
# shape: ckb:AnnotationShape-identifiesClaim
# shape: ckb:AnnotationShape-identifiesOne
DELETE { <anchor/leak> oa:motivatedBy ?old } INSERT { <anchor/leak> oa:motivatedBy oa:describing } WHERE { <anchor/leak> oa:motivatedBy ?old } ;
DELETE { <anchor/leak> oa:hasBody ?old } INSERT { <anchor/leak> oa:hasBody <source/openai-statement> } WHERE { <anchor/leak> oa:hasBody ?old }
