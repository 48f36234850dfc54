# When the unit of work ?unit stopped being current (bind ?unit, and ?p ?o: prov:invalidatedAtTime and
# the time), in the request that retires it (kb/changes.py), written to the graph that holds the unit's
# provenance: ckb:embargoed-provenance if the unit holds an unpublished review (researchers must not
# learn that it existed, kb/embargo.py), ckb:provenance otherwise. Full IRIs: see write/retire.ru.
# An OPTIONAL, not IF(EXISTS {...}): Virtuoso 7.2 takes that EXISTS as false, which would put a draft's
# retirement in ckb:provenance (tests/reliability/test_public_view.py).
INSERT { GRAPH ?graph { ?unit ?p ?o } }
WHERE {
  OPTIONAL { GRAPH ?unit { ?review <https://w3id.org/claimkb#status> ?status
                           FILTER (?status != <https://w3id.org/claimkb#Published>) } }
  BIND (IF(BOUND(?status), <https://w3id.org/claimkb#embargoed-provenance>,
           <https://w3id.org/claimkb#provenance>) AS ?graph)
}
