# A prefix that is not the text before the passage.
# expect: ckb:TextQuoteSelectorShape-prefixMatches <anchor/leak#quote> The prefix of the anchor (oa:prefix) is not the text just before the passage in the document: recompute the selectors from the document's text.
DELETE { <anchor/leak#quote> oa:prefix ?old } INSERT { <anchor/leak#quote> oa:prefix "Selon les artistes, " } WHERE { <anchor/leak#quote> oa:prefix ?old }
