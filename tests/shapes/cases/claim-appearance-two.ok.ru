# A claim that appears in two documents (one a generic creative work).
# shape: ckb:ClaimShape-appearance
INSERT DATA { <claim/research-phase> schema:appearance <source/openai-statement> }
