# A describing annotation whose body is text, not a resource.
# expect: ckb:AnnotationShape-body <anchor/leak> An anchor needs a body (oa:hasBody), the resource it says something about the passage with, usually the claim: add it as a link to that resource.
DELETE { <anchor/leak> oa:motivatedBy ?old } INSERT { <anchor/leak> oa:motivatedBy oa:describing } WHERE { <anchor/leak> oa:motivatedBy ?old } ;
DELETE { <anchor/leak> oa:hasBody ?old } INSERT { <anchor/leak> oa:hasBody "un groupe d’artistes" } WHERE { <anchor/leak> oa:hasBody ?old }
