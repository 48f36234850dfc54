# An organizer described as a blank node: it cannot be linked to.
# expect: ckb:ResourceIRIShape _: Every resource needs its own IRI, not a blank node: give it one so that it can be linked to and cited.
INSERT DATA { <event/leak> schema:organizer [ a schema:Person ; schema:name "Un artiste anonyme" ] }
