# A claim that contradicts itself (an article contradicting itself links two claims).
# expect: ckb:ClaimShape-notItself <claim/research-phase> A claim cannot reply to, dispute, support or contradict itself: link it to the other claim.
INSERT DATA { <claim/research-phase> ckb:contradicts <claim/research-phase> }
