# A target in a document whose text is not stored.
# expect: ckb:SpecificResourceShape-sourceText <anchor/leak#target> The document of an anchor (oa:hasSource) has no text (schema:text), so the passage cannot be found in it: store the document's full text first.
DELETE { <anchor/leak#target> oa:hasSource ?old } INSERT { <anchor/leak#target> oa:hasSource <source/openai-statement> } WHERE { <anchor/leak#target> oa:hasSource ?old }
