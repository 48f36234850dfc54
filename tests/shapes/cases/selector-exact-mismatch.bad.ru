# An exact text typed with a straight apostrophe where the article has ’.
# expect: ckb:TextQuoteSelectorShape-exactMatches <anchor/leak#quote> The exact text of the anchor (oa:exact) is not what the document says between its start and end positions: recompute the selectors from the document's text.
DELETE { <anchor/leak#quote> oa:exact ?old } INSERT { <anchor/leak#quote> oa:exact "un groupe d'artistes a divulgué l’accès anticipé à Sora" } WHERE { <anchor/leak#quote> oa:exact ?old }
