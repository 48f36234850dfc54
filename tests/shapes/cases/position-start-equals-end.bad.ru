# An empty passage: start equals end.
# expect: ckb:TextPositionSelectorShape-startBeforeEnd <anchor/leak#position> A passage's start (oa:start) must come before its end (oa:end): an anchor covers at least one character; recompute the positions from the document's text.
DELETE { <anchor/leak#position> oa:start ?old } INSERT { <anchor/leak#position> oa:start "75"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:start ?old }
