# A second anchor, for the second claim, at its own passage.
# shape: ckb:AnnotationShape-motivatedBy
# shape: ckb:AnnotationShape-body
# shape: ckb:AnnotationShape-target
# shape: ckb:AnnotationShape-identifiesClaim
# shape: ckb:AnnotationShape-identifiesOne
# shape: ckb:SpecificResourceShape-source
# shape: ckb:SpecificResourceShape-sourceText
# shape: ckb:SpecificResourceShape-quoteSelector
# shape: ckb:SpecificResourceShape-positionSelector
# shape: ckb:TextQuoteSelectorShape-exact
# shape: ckb:TextQuoteSelectorShape-prefix
# shape: ckb:TextQuoteSelectorShape-suffix
# shape: ckb:TextQuoteSelectorShape-exactMatches
# shape: ckb:TextQuoteSelectorShape-withinText
# shape: ckb:TextQuoteSelectorShape-prefixMatches
# shape: ckb:TextQuoteSelectorShape-suffixMatches
# shape: ckb:TextPositionSelectorShape-start
# shape: ckb:TextPositionSelectorShape-end
# shape: ckb:TextPositionSelectorShape-startBeforeEnd
INSERT DATA {
    <anchor/research-phase> a oa:Annotation ; oa:motivatedBy oa:identifying ;
        oa:hasBody <claim/research-phase> ; oa:hasTarget <anchor/research-phase#target> .
    <anchor/research-phase#target> a oa:SpecificResource ; oa:hasSource <source/article> ;
        oa:hasSelector <anchor/research-phase#quote> , <anchor/research-phase#position> .
    <anchor/research-phase#quote> a oa:TextQuoteSelector ;
        oa:exact "Sora est toujours en phase de recherche" ;
        oa:prefix "cipé à Sora. OpenAI affirme que " ; oa:suffix "." .
    <anchor/research-phase#position> a oa:TextPositionSelector ;
        oa:start "96"^^xsd:nonNegativeInteger ; oa:end "135"^^xsd:nonNegativeInteger .
}
