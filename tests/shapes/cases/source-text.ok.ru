# A document other than a news article with its text, as plain text.
# shape: ckb:CreativeWorkShape-text
# shape: ckb:SourceTextShape
INSERT DATA { <source/openai-statement> schema:text "We are pausing access to Sora while we look into it." }
