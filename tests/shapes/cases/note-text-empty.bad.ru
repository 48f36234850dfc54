# A highlight whose text is empty.
# expect: ckb:TextualBodyShape-value <anchor/leak#body> A note needs exactly one text (rdf:value), not empty: write what you want to say about the passage.
DELETE { <anchor/leak> oa:motivatedBy ?old } INSERT { <anchor/leak> oa:motivatedBy oa:highlighting } WHERE { <anchor/leak> oa:motivatedBy ?old } ;
DELETE { <anchor/leak> oa:hasBody ?old } INSERT { <anchor/leak> oa:hasBody <anchor/leak#body> . <anchor/leak#body> a oa:TextualBody ; rdf:value "" } WHERE { <anchor/leak> oa:hasBody ?old }
