# Take back the bulk loads that did not finish (kb/store/embedded.py, EmbeddedStore.bulk_add): each named
# in ckb:pending-loads with the graphs it writes. Run when a load fails, and when the store opens after a
# process died during one. What such a load may have left, in any part, is taken out:
# - its graphs' triples from the default graph (the current view), unless another current graph holds
#   them too, as write/retire.ru decides; the loads' own graphs do not count, nor the provenance graphs,
#   nor the public view (a copy, kb/embargo.py);
# - what any graph says about its graphs (their provenance);
# - the graphs themselves, then the markers.
# (Full IRIs, no PREFIX: Oxigraph takes a prologue only at the start of a request.)
DELETE { ?s ?p ?o }
WHERE {
  GRAPH <https://w3id.org/claimkb#pending-loads> { ?load <https://w3id.org/claimkb#loads> ?graph }
  GRAPH ?graph { ?s ?p ?o }
  FILTER NOT EXISTS {
    GRAPH ?other { ?s ?p ?o }
    FILTER (?other != <https://w3id.org/claimkb#provenance> && ?other != <https://w3id.org/claimkb#embargoed-provenance>
            && ?other != <https://w3id.org/claimkb#public-view> && ?other != <https://w3id.org/claimkb#pending-loads>)
    FILTER NOT EXISTS { GRAPH <https://w3id.org/claimkb#pending-loads> { ?any <https://w3id.org/claimkb#loads> ?other } }
    FILTER NOT EXISTS {
      GRAPH ?provenance { ?other <http://www.w3.org/ns/prov#invalidatedAtTime> ?retired }
      FILTER (?provenance IN (<https://w3id.org/claimkb#provenance>, <https://w3id.org/claimkb#embargoed-provenance>))
    }
  }
};
DELETE { GRAPH ?in { ?graph ?p ?o } }
WHERE {
  GRAPH <https://w3id.org/claimkb#pending-loads> { ?load <https://w3id.org/claimkb#loads> ?graph }
  GRAPH ?in { ?graph ?p ?o }
  FILTER (?in != <https://w3id.org/claimkb#pending-loads>)
};
DELETE { GRAPH ?graph { ?s ?p ?o } }
WHERE {
  GRAPH <https://w3id.org/claimkb#pending-loads> { ?load <https://w3id.org/claimkb#loads> ?graph }
  GRAPH ?graph { ?s ?p ?o }
};
DROP SILENT GRAPH <https://w3id.org/claimkb#pending-loads>
