"""Open the knowledge base a command or the server works on.

A data directory (``--store DIR``, ``CLAIMKB_STORE``, default ``./var/store``) holds the embedded
Oxigraph store (``DIR/oxigraph``) and, while ``claimkb serve`` runs, ``DIR/server.json``. Oxigraph
lets one process write a store, and reading it while another process writes is undefined; so while a
server runs, the other commands talk to it over HTTP (its token-protected ``/_kb/`` endpoints) and see
exactly what it sees. With ``CLAIMKB_SPARQL_QUERY`` and ``CLAIMKB_SPARQL_UPDATE`` set, everything runs
on that remote SPARQL endpoint instead (``CLAIMKB_SPARQL_USER``/``_PASSWORD`` for HTTP Basic or Digest
auth; ``CLAIMKB_SPARQL_VIEW_GRAPH`` on a store whose default graph is the union of all graphs).
"""
import json
import os
import sys
from pathlib import Path

from kb import embargo
from kb.knowledgebase import KnowledgeBase
from kb.store import EmbeddedStore, RemoteStore, StoreError, StoreLocked

DEFAULT_STORE = "var/store"


def store_dir(option: str | None = None) -> Path:
    return Path(option or os.environ.get("CLAIMKB_STORE") or DEFAULT_STORE)


def server_file(directory: Path) -> Path:
    return directory / "server.json"


def open_kb(directory: Path, *, remote: dict | None = None, load: bool = True) -> KnowledgeBase:
    """The KB on ``remote`` endpoints if given, else in ``directory`` (through its server if one runs).
    ``remote=None`` takes the endpoints from the environment (``CLAIMKB_SPARQL_*``); ``{}`` means none."""
    if remote is None:
        remote = remote_settings()
    if remote.get("query"):
        if not remote.get("update"):
            raise StoreError("a remote store needs an update endpoint too (CLAIMKB_SPARQL_UPDATE)")
        store = RemoteStore(remote["query"], remote["update"], remote.get("user"), remote.get("password"),
                            view=remote.get("view"))
    else:
        try:
            store = EmbeddedStore(directory / "oxigraph")
            if store.recovered:
                print(f"claimkb: an import batch was cut off before it was written whole; its {store.recovered} "
                      "graphs were taken out again. Run the import again to add them", file=sys.stderr)
        except StoreLocked:
            store = _through_server(directory)
    kb = KnowledgeBase(store)
    if load and kb.ensure_loaded():
        where = remote["query"] if remote and remote.get("query") else directory
        print(f"claimkb: the store was empty; loaded the shipped KB into {where}", file=sys.stderr)
    if remote.get("query"):
        embargo.keep_public_view(kb.store)  # what researchers read there (not through a server: a snapshot)
    return kb


def _through_server(directory: Path) -> RemoteStore:
    try:
        server = json.loads(server_file(directory).read_text())
    except (OSError, ValueError):
        raise StoreLocked(
            f"the store {directory} is in use by another process that is not a claimkb server; "
            "stop that process (or wait for it to finish) and try again") from None
    return RemoteStore(server["url"] + "/_kb/query", server["url"] + "/_kb/update", token=server["token"],
                       form=False)


def remote_settings(args=None) -> dict:
    """Remote endpoint settings from options, falling back to the environment."""
    def pick(option, variable):
        return getattr(args, option, None) or os.environ.get(variable)
    return {"query": pick("sparql_query", "CLAIMKB_SPARQL_QUERY"),
            "update": pick("sparql_update", "CLAIMKB_SPARQL_UPDATE"),
            "user": pick("sparql_user", "CLAIMKB_SPARQL_USER"),
            "password": os.environ.get("CLAIMKB_SPARQL_PASSWORD"),
            # Where the default graph is the union of all graphs (Virtuoso), the graph of the current view.
            "view": os.environ.get("CLAIMKB_SPARQL_VIEW_GRAPH")}
