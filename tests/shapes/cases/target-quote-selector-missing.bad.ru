# A target without its quote selector.
# expect: ckb:SpecificResourceShape-quoteSelector <anchor/leak#target> An anchor's target needs exactly one quote selector (oa:TextQuoteSelector), the passage's exact words: keep one, and compute it from the document's text.
DELETE DATA { <anchor/leak#target> oa:hasSelector <anchor/leak#quote> }
