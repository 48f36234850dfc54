# Move the provenance of the units of work that hold an unpublished review from ckb:provenance, which
# researchers read, to ckb:embargoed-provenance (kb/embargo.py), where every write since puts it
# (kb/changes.py): once, on a store written by an older claimkb. One request: all or nothing.
PREFIX ckb: <https://w3id.org/claimkb#>
DELETE { GRAPH ckb:provenance { ?unit ?p ?o } }
INSERT { GRAPH ckb:embargoed-provenance { ?unit ?p ?o } }
WHERE {
  GRAPH ?unit { ?review ckb:status ?status FILTER (?status != ckb:Published) }
  GRAPH ckb:provenance { ?unit ?p ?o }
}
