# An end position beyond the end of the text.
# expect: ckb:TextQuoteSelectorShape-withinText <anchor/leak#quote> The anchor's end position (oa:end) is beyond the end of the document's text: the passage is not in this document, or the positions are wrong; recompute them from the document's text.
DELETE { <anchor/leak#position> oa:end ?old } INSERT { <anchor/leak#position> oa:end "200"^^xsd:nonNegativeInteger } WHERE { <anchor/leak#position> oa:end ?old }
