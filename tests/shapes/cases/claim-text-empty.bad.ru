# An empty text in a claim (the rule holds for every creative work).
# expect: ckb:CreativeWorkShape-text <claim/leak> A text (schema:text) cannot be empty: paste the text, or remove the empty value.
DELETE { <claim/leak> schema:text ?old } INSERT { <claim/leak> schema:text "un groupe d’artistes a divulgué l’accès anticipé à Sora"@fr , ""@en } WHERE { <claim/leak> schema:text ?old }
