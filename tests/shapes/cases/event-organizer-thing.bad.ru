# An event organized by a software application.
# expect: ckb:EventShape-organizer <event/leak> Who did it (schema:organizer) must be a person or an organization of the knowledge base: pick one, or add it first.
DELETE { <event/leak> schema:organizer ?old } INSERT { <event/leak> schema:organizer <thing/sora> } WHERE { <event/leak> schema:organizer ?old }
