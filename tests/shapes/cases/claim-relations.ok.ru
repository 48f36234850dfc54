# Relations between two claims, both ways (ckb:contradicts is symmetric).
# shape: ckb:ClaimShape-repliesTo
# shape: ckb:ClaimShape-disputes
# shape: ckb:ClaimShape-supports
# shape: ckb:ClaimShape-contradicts
# shape: ckb:ClaimShape-notItself
INSERT DATA { <claim/research-phase> cito:disputes <claim/leak> ; cito:supports <claim/leak> ; ckb:contradicts <claim/leak> .
    <claim/leak> ckb:contradicts <claim/research-phase> ; cito:repliesTo <claim/research-phase> }
