# Retire the unit of work ?old from the current view: its triples leave the default graph unless
# another current (not invalidated) graph holds them too. The graph itself stays: nothing is deleted.
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX ckb: <https://w3id.org/claimkb#>
DELETE { ?s ?p ?o }
WHERE {
  GRAPH ?old { ?s ?p ?o }
  FILTER NOT EXISTS {
    GRAPH ?other { ?s ?p ?o }
    FILTER (?other != ?old && ?other != ckb:provenance)
    FILTER NOT EXISTS { GRAPH ckb:provenance { ?other prov:invalidatedAtTime ?retired } }
  }
}
