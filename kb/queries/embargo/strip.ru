# Take the unpublished reviews out of a copy of the store that researchers will read (the SPARQL
# endpoint's snapshot, the dumps): every unit of work that holds a ckb:status other than ckb:Published
# (a draft, a review in review) is "embargoed". Run on the copy only, never on the store itself.
# In order, each step still finding the embargoed units by their graphs: (1) their provenance (who is
# reviewing what, and when): the graph that every write keeps it in (kb/changes.py), and what a store
# written by an older claimkb left in ckb:provenance, (2) their triples in the default graph that no public
# current unit also holds, (3) their graphs. A unit's IRI may stay as the object of a later version's
# prov:wasRevisionOf.
PREFIX ckb: <https://w3id.org/claimkb#>
PREFIX prov: <http://www.w3.org/ns/prov#>
DROP SILENT GRAPH ckb:embargoed-provenance ;
DELETE { GRAPH ckb:provenance { ?unit ?p ?o } }
WHERE {
  GRAPH ?unit { ?review ckb:status ?status FILTER (?status != ckb:Published) }
  GRAPH ckb:provenance { ?unit ?p ?o }
} ;
DELETE { ?s ?p ?o }
WHERE {
  GRAPH ?unit { ?review ckb:status ?status FILTER (?status != ckb:Published) }
  GRAPH ?unit { ?s ?p ?o }
  FILTER NOT EXISTS {
    GRAPH ?other { ?s ?p ?o }
    FILTER (?other != ?unit && ?other != <https://w3id.org/claimkb#provenance>)
    FILTER NOT EXISTS { GRAPH ?other { ?any <https://w3id.org/claimkb#status> ?otherStatus
                                       FILTER (?otherStatus != <https://w3id.org/claimkb#Published>) } }
    FILTER NOT EXISTS { GRAPH <https://w3id.org/claimkb#provenance> {
                          ?other <http://www.w3.org/ns/prov#invalidatedAtTime> ?retired } }
  }
} ;
DELETE { GRAPH ?unit { ?s ?p ?o } }
WHERE {
  GRAPH ?unit { ?review <https://w3id.org/claimkb#status> ?status
                FILTER (?status != <https://w3id.org/claimkb#Published>) }
  GRAPH ?unit { ?s ?p ?o }
}
