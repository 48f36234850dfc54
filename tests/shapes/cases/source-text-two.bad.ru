# Two texts for one document.
# expect: ckb:SourceTextShape <source/openai-statement> A document has at most one text (schema:text), its full text exactly as published, as plain text without a language tag (anchors count characters in it): keep one plain text.
INSERT DATA { <source/openai-statement> schema:text "We are pausing access to Sora." , "We are pausing access to Sora while we look into it." }
