# A new person, named by an IRI under the base.
# shape: ckb:ResourceIRIShape
# shape: ckb:AgentShape-name
# shape: ckb:PersonShape-worksFor
# shape: ckb:PersonShape-jobTitle
INSERT DATA { <agent/niko-felix> a schema:Person ; schema:name "Niko Felix" ;
    schema:worksFor <agent/openai> ; schema:jobTitle "porte-parole"@fr , "spokesperson"@en }
