# A suffix that is not the text after the passage.
# expect: ckb:TextQuoteSelectorShape-suffixMatches <anchor/leak#quote> The suffix of the anchor (oa:suffix) is not the text just after the passage in the document: recompute the selectors from the document's text.
DELETE { <anchor/leak#quote> oa:suffix ?old } INSERT { <anchor/leak#quote> oa:suffix ". OpenAI dément que Sora soit en" } WHERE { <anchor/leak#quote> oa:suffix ?old }
