# A question whose text carries its language as a tag, without dcterms:language.
# shape: ckb:NoteShape-textualBody
# shape: ckb:TextualBodyShape-value
DELETE { <anchor/leak> oa:motivatedBy ?old } INSERT { <anchor/leak> oa:motivatedBy oa:questioning } WHERE { <anchor/leak> oa:motivatedBy ?old } ;
DELETE { <anchor/leak> oa:hasBody ?old } INSERT { <anchor/leak> oa:hasBody <anchor/leak#body> . <anchor/leak#body> a oa:TextualBody ; rdf:value "Which artists?"@en } WHERE { <anchor/leak> oa:hasBody ?old }
