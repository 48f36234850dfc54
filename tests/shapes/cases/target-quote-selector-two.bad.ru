# A target with two quote selectors.
# expect: ckb:SpecificResourceShape-quoteSelector <anchor/leak#target> An anchor's target needs exactly one quote selector (oa:TextQuoteSelector), the passage's exact words: keep one, and compute it from the document's text.
INSERT DATA { <anchor/leak#target> oa:hasSelector <anchor/leak#quote2> .
    <anchor/leak#quote2> a oa:TextQuoteSelector ;
        oa:exact "un groupe d’artistes a divulgué l’accès anticipé à Sora" }
