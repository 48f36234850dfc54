# A target without its document.
# expect: ckb:SpecificResourceShape-source <anchor/leak#target> An anchor's target needs exactly one document (oa:hasSource), the document where the passage is: keep one, as a link to the document.
DELETE WHERE { <anchor/leak#target> oa:hasSource ?any }
