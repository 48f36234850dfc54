# A bulk load finished (kb/store/embedded.py, EmbeddedStore.bulk_add): its marker goes.
DELETE { GRAPH <https://w3id.org/claimkb#pending-loads> { ?load ?p ?o } }
WHERE { GRAPH <https://w3id.org/claimkb#pending-loads> { ?load ?p ?o } }
