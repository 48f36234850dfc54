# Retire the unit of work ?old from the current view: its triples leave the default graph unless
# another current (not invalidated) graph holds them too. The graph itself stays: nothing is deleted.
# (Full IRIs, no PREFIX: this operation follows others in one request, and Oxigraph takes a prologue
# only at the start of a request.)
# ckb:public-view, which a remote store keeps for researchers (kb/embargo.py), is a copy, not a unit;
# the provenance of units holding an unpublished review is in ckb:embargoed-provenance (kb/changes.py).
DELETE { ?s ?p ?o }
WHERE {
  GRAPH ?old { ?s ?p ?o }
  FILTER NOT EXISTS {
    GRAPH ?other { ?s ?p ?o }
    FILTER (?other != ?old && ?other != <https://w3id.org/claimkb#provenance>
            && ?other != <https://w3id.org/claimkb#public-view>)
    FILTER NOT EXISTS {
      GRAPH ?provenance { ?other <http://www.w3.org/ns/prov#invalidatedAtTime> ?retired }
      FILTER (?provenance IN (<https://w3id.org/claimkb#provenance>, <https://w3id.org/claimkb#embargoed-provenance>))
    }
  }
}
