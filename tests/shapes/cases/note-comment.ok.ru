# A comment on a passage: a note whose body is a TextualBody with its text, format and language.
# shape: ckb:NoteShape-textualBody
# shape: ckb:TextualBodyShape-value
# shape: ckb:TextualBodyShape-format
# shape: ckb:TextualBodyShape-language
DELETE { <anchor/leak> oa:motivatedBy ?old } INSERT { <anchor/leak> oa:motivatedBy oa:commenting } WHERE { <anchor/leak> oa:motivatedBy ?old } ;
DELETE { <anchor/leak> oa:hasBody ?old } INSERT { <anchor/leak> oa:hasBody <anchor/leak#body> . <anchor/leak#body> a oa:TextualBody ; rdf:value "Le collectif n’a pas divulgué le modèle." ; dcterms:format "text/plain" ; dcterms:language "fr" } WHERE { <anchor/leak> oa:hasBody ?old }
