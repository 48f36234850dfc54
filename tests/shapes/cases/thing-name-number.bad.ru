# A software application named by a number.
# expect: ckb:SoftwareApplicationShape-name <thing/sora> A software application needs a name (schema:name), as text: add it.
INSERT DATA { <thing/sora> schema:name 2 }
