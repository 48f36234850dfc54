# A name that is a number.
# expect: ckb:CreativeWorkShape-name <source/article> A name (schema:name) is text, with or without a language tag: write the name itself, not a number or a link.
INSERT DATA { <source/article> schema:name 42 }
