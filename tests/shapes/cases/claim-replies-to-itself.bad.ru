# A claim that replies to itself.
# expect: ckb:ClaimShape-notItself <claim/leak> A claim cannot reply to, dispute, support or contradict itself: link it to the other claim.
INSERT DATA { <claim/leak> cito:repliesTo <claim/leak> }
