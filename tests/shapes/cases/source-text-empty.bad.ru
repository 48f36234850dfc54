# An empty text.
# expect: ckb:CreativeWorkShape-text <source/openai-statement> A text (schema:text) cannot be empty: paste the text, or remove the empty value.
INSERT DATA { <source/openai-statement> schema:text "" }
