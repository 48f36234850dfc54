# Claims and reviews are creative works without a headline: a new claim needs none.
# shape: ckb:SourceHeadlineShape
# shape: ckb:SourceTextShape
# shape: ckb:ClaimShape-text
INSERT DATA { <claim/access-closed> a schema:Claim ;
    schema:text "OpenAI a rapidement fermé l’accès"@fr ;
    schema:author <agent/touslestops> ; schema:appearance <source/article> ;
    ckb:presentedAs ckb:Assertion }
