# Retire the unit of work ?old from the public view (kb/embargo.py), in the request that retires it from
# the current view (kb/changes.py), after its prov:invalidatedAtTime is written: its triples leave
# ckb:public-view unless another current unit that holds no unpublished review holds them too.
# Where there is no public view (the embedded store) the second pattern matches nothing.
# Full IRIs: this operation follows others in one request (see write/retire.ru).
DELETE { GRAPH <https://w3id.org/claimkb#public-view> { ?s ?p ?o } }
WHERE {
  GRAPH ?old { ?s ?p ?o }
  GRAPH <https://w3id.org/claimkb#public-view> { ?s ?p ?o }
  FILTER NOT EXISTS {
    GRAPH ?other { ?s ?p ?o }
    FILTER (?other != ?old && ?other != <https://w3id.org/claimkb#public-view>)
    FILTER EXISTS { GRAPH <https://w3id.org/claimkb#provenance> { ?other a <http://www.w3.org/ns/prov#Entity> } }
    FILTER NOT EXISTS { GRAPH <https://w3id.org/claimkb#provenance> {
                          ?other <http://www.w3.org/ns/prov#invalidatedAtTime> ?retired } }
    FILTER NOT EXISTS { GRAPH ?other { ?review <https://w3id.org/claimkb#status> ?status
                                       FILTER (?status != <https://w3id.org/claimkb#Published>) } }
  }
}
