"""Store backends behind the facade: the embedded on-disk Oxigraph store, and any SPARQL 1.1 endpoint.

Both speak the same small interface: ``select``, ``ask``, ``construct`` (SPARQL text plus bindings),
``update`` (one SPARQL Update request = one transaction), ``load`` (a first bulk load), ``dump``.
Results come back as rdflib terms, so the layers above never see a backend's own types.
"""
from kb.store.common import (DUMP_FORMATS, QueryResult, QuerySyntaxError, StoreError, StoreLocked,
                             StoreTimeout, StoreUnavailable, StoreWriteFailed)
from kb.store.embedded import EmbeddedStore
from kb.store.remote import RemoteStore, serialize

__all__ = ["DUMP_FORMATS", "EmbeddedStore", "QueryResult", "QuerySyntaxError", "RemoteStore", "StoreError",
           "StoreLocked", "StoreTimeout", "StoreUnavailable", "StoreWriteFailed", "serialize"]
