# A software application without a name.
# expect: ckb:SoftwareApplicationShape-name <thing/sora> A software application needs a name (schema:name), as text: add it.
DELETE WHERE { <thing/sora> schema:name ?any }
