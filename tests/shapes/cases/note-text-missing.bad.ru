# A comment whose TextualBody has no text.
# expect: ckb:TextualBodyShape-value <anchor/leak#body> A note needs exactly one text (rdf:value), not empty: write what you want to say about the passage.
DELETE { <anchor/leak> oa:motivatedBy ?old } INSERT { <anchor/leak> oa:motivatedBy oa:commenting } WHERE { <anchor/leak> oa:motivatedBy ?old } ;
DELETE { <anchor/leak> oa:hasBody ?old } INSERT { <anchor/leak> oa:hasBody <anchor/leak#body> . <anchor/leak#body> a oa:TextualBody ; dcterms:format "text/plain" } WHERE { <anchor/leak> oa:hasBody ?old }
