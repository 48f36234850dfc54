# Another web address, as a link.
# shape: ckb:CreativeWorkShape-url
DELETE { <source/article> schema:url ?old } INSERT { <source/article> schema:url <https://www.touslestops.example/2024/11/sora> } WHERE { <source/article> schema:url ?old }
