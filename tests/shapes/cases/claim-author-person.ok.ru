# A person as claimant.
# shape: ckb:ClaimShape-author
# shape: ckb:CreativeWorkShape-author
DELETE { <claim/leak> schema:author ?old } INSERT { <claim/leak> schema:author <agent/camille-martin> } WHERE { <claim/leak> schema:author ?old }
