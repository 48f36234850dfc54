# Build the public view of a remote store from scratch (kb/embargo.py): the named graph
# ckb:public-view holds the union of the current units of work that hold no unpublished review, which is
# what the embedded store's stripped snapshot has as its default graph (strip.ru). Run once, when a
# remote store has none yet; every write then keeps it (public-retire.ru, kb/changes.py).
# A unit is a graph that the provenance graph names as a prov:Entity (this also leaves out a store's own
# graphs, such as Virtuoso's view graph). Full IRIs: see write/retire.ru.
DROP SILENT GRAPH <https://w3id.org/claimkb#public-view> ;
INSERT { GRAPH <https://w3id.org/claimkb#public-view> { ?s ?p ?o } }
WHERE {
  GRAPH <https://w3id.org/claimkb#provenance> { ?unit a <http://www.w3.org/ns/prov#Entity> }
  FILTER NOT EXISTS { GRAPH <https://w3id.org/claimkb#provenance> {
                        ?unit <http://www.w3.org/ns/prov#invalidatedAtTime> ?retired } }
  FILTER NOT EXISTS { GRAPH ?unit { ?review <https://w3id.org/claimkb#status> ?status
                                    FILTER (?status != <https://w3id.org/claimkb#Published>) } }
  GRAPH ?unit { ?s ?p ?o }
}
