# One name, in French.
# shape: ckb:EventShape-name
DELETE DATA { <event/leak> schema:name "Sora early-access leak"@en }
