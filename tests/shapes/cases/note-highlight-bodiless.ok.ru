# A bare highlight, as Hypothesis and other Web Annotation clients post it: oa:highlighting, no body.
# shape: ckb:AnnotationShape-body
# shape: ckb:NoteShape-textualBody
DELETE { <anchor/leak> oa:motivatedBy ?old } INSERT { <anchor/leak> oa:motivatedBy oa:highlighting } WHERE { <anchor/leak> oa:motivatedBy ?old } ;
DELETE WHERE { <anchor/leak> oa:hasBody ?any }
