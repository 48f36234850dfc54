# A claim's text without its language.
# expect: ckb:ClaimShape-text <claim/research-phase> A claim needs its text (schema:text) as the source states it, with its language (for example "…"@fr), and at most one text per language (an English rendering goes in "…"@en): add the text or its language tag, or remove the extra one.
DELETE { <claim/research-phase> schema:text ?old } INSERT { <claim/research-phase> schema:text "Sora est toujours en phase de recherche" } WHERE { <claim/research-phase> schema:text ?old }
