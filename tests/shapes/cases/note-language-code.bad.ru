# A note's language given as a word, not a code.
# expect: ckb:TextualBodyShape-language <anchor/leak#body> A note's text is in one language (dcterms:language), given as a language code such as "fr" or "en": keep one and use its code.
DELETE { <anchor/leak> oa:motivatedBy ?old } INSERT { <anchor/leak> oa:motivatedBy oa:commenting } WHERE { <anchor/leak> oa:motivatedBy ?old } ;
DELETE { <anchor/leak> oa:hasBody ?old } INSERT { <anchor/leak> oa:hasBody <anchor/leak#body> . <anchor/leak#body> a oa:TextualBody ; rdf:value "Voir la lettre." ; dcterms:language "français" } WHERE { <anchor/leak> oa:hasBody ?old }
