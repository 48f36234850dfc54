# A name with a language.
# shape: ckb:SoftwareApplicationShape-name
INSERT DATA { <thing/sora> schema:name "Sora Turbo"@en }
