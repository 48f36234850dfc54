# A person and an organization as organizers.
# shape: ckb:EventShape-organizer
INSERT DATA { <event/leak> schema:organizer <agent/camille-martin> }
