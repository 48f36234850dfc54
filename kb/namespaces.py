"""Namespaces of the vocabulary contract (DESIGN.md) and the IRIs of claimkb's own resources.

Resource IRIs are readable slugs under one base, so that each dereferences at its path:
``{BASE}claim/<slug>``, ``{BASE}agent/<slug>``, ``{BASE}source/<slug>``, ``{BASE}event/<slug>``,
``{BASE}review/<slug>``, ``{BASE}anchor/<slug>`` (with ``#target``, ``#quote``, ``#position``),
``{BASE}thing/<slug>``; a unit of work is the named graph ``{BASE}graph/<kind>/<slug>``.
"""
from rdflib import Namespace
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

SCHEMA = Namespace("http://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
CKB = Namespace("https://w3id.org/claimkb#")
BASE = Namespace("https://w3id.org/claimkb/")

# The named graph that holds the provenance of every unit of work (never part of the current view).
PROVENANCE_GRAPH = CKB.provenance
# The named graph that holds the vocabulary (also copied into the current view).
VOCABULARY_GRAPH = BASE["graph/vocabulary"]

PREFIXES = {
    "schema": str(SCHEMA),
    "oa": str(OA),
    "prov": str(PROV),
    "cito": str(CITO),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "ckb": str(CKB),
    "ckbr": str(BASE),
}
