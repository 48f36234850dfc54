# Another kind of event (ckb:Takedown), found through its class's rdfs:subClassOf schema:Event.
# shape: ckb:EventShape-name
# shape: ckb:EventShape-startDate
# shape: ckb:EventShape-organizer
# shape: ckb:EventShape-about
INSERT DATA { <event/takedown> a ckb:Takedown ;
    schema:name "Fermeture de l’accès"@fr ; schema:startDate "2024-11-26T12:01:00-05:00"^^xsd:dateTime ;
    schema:organizer <agent/openai> ; schema:about <thing/sora> }
