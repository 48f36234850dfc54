"""The facade: everything the CLI and the web layer do with the knowledge base goes through here.

The default graph is the current view (the union of the current units of work); each unit of work is
a named graph; ``ckb:provenance`` says who made each unit, when, and what it revised or retracted.
Every write is validated (incrementally) before it is committed, as one transaction.
"""
import threading
from dataclasses import dataclass
from importlib.resources import files

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import BNode, Node

from kb import sparql, vocabulary
from kb.changes import Change, now_literal
from kb.claim_index import ClaimIndex
from kb.incremental import check_write
from kb.namespaces import BASE, VOCABULARY_GRAPH
from kb.store import QueryResult
from kb.validation import Violation, validate

SYSTEM_AGENT = BASE["agent/claimkb"]


class WriteRefused(Exception):
    """A write that does not conform to the shapes: nothing was written."""

    def __init__(self, violations: list[Violation], where: str = ""):
        self.violations = violations
        lines = "\n".join(f"  - {v}" for v in violations)
        super().__init__(f"{where or 'the write'} does not conform to the shapes; nothing was written:\n{lines}")


class WriteConflict(Exception):
    """A write planned on a unit that someone else has since revised or retracted, or naming a unit that
    someone else has since written: committing it would overwrite their change. Nothing was written."""


def shipped_files() -> list:
    return sorted((r for r in files("kb.data").iterdir() if r.name.endswith((".trig", ".ttl"))),
                  key=lambda r: r.name)


def skolemise(graph: Graph) -> Graph:
    """Blank nodes become IRIs: every node of the KB can be named, linked, validated and revised."""
    if not any(isinstance(term, BNode) for triple in graph for term in triple):
        return graph
    mapping: dict = {}

    def name(term):
        if isinstance(term, BNode):
            return mapping.setdefault(term, BASE[f".well-known/genid/{term}"])
        return term
    skolemised = Graph()
    for s, p, o in graph:
        skolemised.add((name(s), p, name(o)))
    return skolemised


@dataclass
class Plan:
    """A write worked out but not applied: the change, and what it adds to and removes from the view."""
    change: Change
    added: Graph
    removed: Graph


class KnowledgeBase:
    def __init__(self, store):
        self.store = store
        # Held around a commit's checks and its update. This process's only; web/auth.py puts in its place one
        # that the workers of every machine share when they share a PostgreSQL accounts database.
        self.write_lock = threading.RLock()
        # Only a store that counts its writes can keep an index in this process (a remote one is written by
        # other processes too).
        self.claim_index = ClaimIndex(store) if hasattr(store, "generation") else None

    # -- loading -----------------------------------------------------------------------------------

    def ensure_loaded(self) -> bool:
        """Load the vocabulary and the shipped KB into an empty store; True if it did."""
        if not self.store.is_empty():
            return False
        dataset = Dataset()
        for resource in shipped_files():
            dataset.parse(data=resource.read_text(encoding="utf-8"),
                          format="trig" if resource.name.endswith(".trig") else "turtle")
        dataset.graph(VOCABULARY_GRAPH).__iadd__(vocabulary.graph())
        change = Change.inserting(dataset)
        change.provenance.add((VOCABULARY_GRAPH, RDF.type, URIRef("http://www.w3.org/ns/prov#Entity")))
        with self.write_lock:
            # A bulk load: one transaction on the embedded store; on a remote one, requests that a server
            # such as Virtuoso takes, the last one saying the KB is there (RemoteStore.load).
            self.store.load(change.as_nquads(), "nq")
        return True

    def load(self, dataset: Dataset, agent: URIRef = SYSTEM_AGENT, where: str = "") -> Change:
        """Add a dataset's named graphs as units of work (triples of its default graph go into one
        new unit), validated together; all or nothing."""
        dataset = _with_default_as_unit(dataset)
        change = Change.inserting(dataset)
        for name, graph in list(change.units.items()):
            change.units[name] = skolemise(graph)
        if not change.provenance:
            change.attribute(agent, now_literal())
        return self.commit(Plan(change, change.view_triples(), Graph()), where)

    # -- writes --------------------------------------------------------------------------------------

    def plan(self, unit: URIRef | None, triples: Graph, agent: URIRef,
             revision_of: URIRef | None = None) -> "Plan":
        """What a write would do, not done yet: a new unit ``unit`` holding ``triples`` (none for a
        retraction), replacing ``revision_of`` if given."""
        triples = skolemise(triples)
        change = Change(units={unit: triples} if unit is not None else {})
        removed = Graph()
        if revision_of is not None:
            # Only what no other current unit holds leaves the view (see write/retire.ru).
            removed = self.store.construct(sparql.text("write/only-in"), {"old": revision_of}) - triples
            change.retired.append(revision_of)
        change.attribute(agent, now_literal(), revision_of if unit is not None else None)
        return Plan(change, triples, removed)

    def check(self, plan: "Plan") -> list[Violation]:
        """The shape violations the planned write would bring (incremental validation)."""
        return check_write(self.store, plan.added, plan.removed)

    def commit(self, plan: "Plan", where: str = ""):
        """Validate and apply a planned write as one transaction; refuse it whole if it breaks a shape."""
        with self.write_lock:
            # The plan was made outside the lock: another request may have retired its unit meanwhile.
            for old in plan.change.retired:
                if self.select("write/invalidated", unit=old):
                    raise WriteConflict(f"{old} was changed by someone else since this write was prepared; "
                                        "nothing was written: read it again and redo the change")
            violations = self.check(plan)
            if violations:
                raise WriteRefused(violations, where)
            announced = self.claim_index.writing(plan.added, plan.removed) if self.claim_index else None
            try:
                self.store.update(plan.change.as_update())
            except Exception:
                if self.claim_index:
                    self.claim_index.failed(announced)
                raise
        return plan.change

    def write(self, unit: URIRef, triples: Graph, agent: URIRef, revision_of: URIRef | None = None) -> Change:
        """Commit one unit of work (validated first); with ``revision_of``, it replaces that older unit."""
        return self.commit(self.plan(unit, triples, agent, revision_of))

    def retract(self, unit: URIRef, agent: URIRef) -> Change:
        """Hide a unit of work from the current view; it stays in its named graph, marked invalidated."""
        return self.commit(self.plan(None, Graph(), agent, revision_of=unit), f"retracting {unit}")

    # -- reads ---------------------------------------------------------------------------------------

    def select(self, name: str, **bindings: Node) -> list[dict[str, Node]]:
        """The rows of ``kb/queries/<name>.rq`` with ``bindings``."""
        return self.store.select(sparql.text(name), bindings)

    def graph(self, unit: URIRef) -> Graph:
        """The triples of one named graph (a unit of work, current or not)."""
        return self.store.construct(sparql.text("graph"), {"g": unit})

    def query(self, text: str, **options) -> QueryResult:
        """Run a researcher's read-only query (SELECT, ASK, CONSTRUCT or DESCRIBE)."""
        return self.store.query(text, **options)

    def validate_all(self) -> list[Violation]:
        """Full validation of the current view (the baseline that incremental validation must equal)."""
        return validate(self.current_view())

    def current_view(self) -> Graph:
        return self.store.construct(sparql.text("current-view"))

    def export(self, format: str) -> bytes:
        return self.store.dump(format)

    def close(self):
        self.store.close()


def all_triples(dataset: Dataset) -> Graph:
    """Every triple of a dataset, whatever its graph."""
    union = Graph()
    for graph in dataset.graphs():
        for triple in graph:
            union.add(triple)
    return union


def _with_default_as_unit(dataset: Dataset) -> Dataset:
    default = dataset.default_graph
    if len(default):
        import uuid
        unit = dataset.graph(BASE[f"graph/load/{uuid.uuid4()}"])
        for triple in default:
            unit.add(triple)
        default.remove((None, None, None))
    return dataset
