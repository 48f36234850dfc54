# A suffix that runs past the end of the text.
# expect: ckb:TextQuoteSelectorShape-suffixMatches <anchor/leak#quote> The suffix of the anchor (oa:suffix) is not the text just after the passage in the document: recompute the selectors from the document's text.
DELETE { <anchor/leak#quote> oa:exact ?old } INSERT { <anchor/leak#quote> oa:exact "recherche" } WHERE { <anchor/leak#quote> oa:exact ?old } ;
DELETE { <anchor/leak#quote> oa:prefix ?old } INSERT { <anchor/leak#quote> oa:prefix "phase de " } WHERE { <anchor/leak#quote> oa:prefix ?old } ;
DELETE { <anchor/leak#quote> oa:suffix ?old } INSERT { <anchor/leak#quote> oa:suffix ". Fin." } WHERE { <anchor/leak#quote> oa:suffix ?old } ;
DELETE { <anchor/leak#position> oa:start ?old } INSERT { <anchor/leak#position> oa:start "126"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:start ?old } ;
DELETE { <anchor/leak#position> oa:end ?old } INSERT { <anchor/leak#position> oa:end "135"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:end ?old }
