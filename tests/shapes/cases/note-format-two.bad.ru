# A note's text with two formats.
# expect: ckb:TextualBodyShape-format <anchor/leak#body> A note's text has at most one format (dcterms:format), a media type such as "text/plain": keep one.
DELETE { <anchor/leak> oa:motivatedBy ?old } INSERT { <anchor/leak> oa:motivatedBy oa:commenting } WHERE { <anchor/leak> oa:motivatedBy ?old } ;
DELETE { <anchor/leak> oa:hasBody ?old } INSERT { <anchor/leak> oa:hasBody <anchor/leak#body> . <anchor/leak#body> a oa:TextualBody ; rdf:value "Voir la lettre." ; dcterms:format "text/plain" , "text/html" } WHERE { <anchor/leak> oa:hasBody ?old }
