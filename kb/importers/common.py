"""What every importer shares: records, the batched validated load, the report, slugs and IRIs.

An importer turns its input into :class:`Record`\\ s, one per input item (a LIAR row, a ClaimReview, a
CSV row), each with the units of work it owns (a claim, a review: named graphs) and the *shared* units
it needs (an agent, a document, a topic: created once, by the first record that needs them).
:func:`run` then loads the records batch by batch:

1. units whose named graph already exists are left alone (re-running an import adds nothing: IRIs
   are stable, derived from the input's ids and slugs);
2. the batch is validated as one write (incremental validation: :mod:`kb.importers.validation` gives
   what :func:`kb.incremental.check_write` gives: the shapes compiled to Python on the batch's own
   triples and the store's about what they point to, pySHACL only for the nodes that fail them; or,
   for a batch that adds to resources already in the store, with batched context queries and independent
   parts of the batch validated in parallel processes); a record whose units break a shape is skipped, with the
   shape's message and its place in the input (``file:line``); so is every record that needs a shared
   unit that broke one; what is left is validated again unless it refers to nothing taken out;
3. what is left of the batch is written whole or not at all (in a thread, while the next batch is
   validated: :mod:`kb.importers.writer`): on the embedded store, which the importing process holds
   alone, bulk-loaded and taken back if the load fails or the process dies during it
   (``EmbeddedStore.bulk_add``); on a remote store (or through a running server), as one SPARQL Update.

Input that cannot be read at all (bad encoding, malformed JSON, an unknown rating) is an
:class:`InputError` raised before anything is written: the store is unchanged.
"""
import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from kb import sparql, vocabulary
from kb.changes import Change, now_literal
from kb.importers.writer import Writer
from kb.namespaces import BASE, VOCABULARY_GRAPH

# Records per batch. On the embedded store a batch is bulk-loaded (EmbeddedStore.bulk_add), and RocksDB
# then merges each load's files with the store's: the fewer loads the better (at 1,000,000 quads, batches
# of 500 records cost 45.6 s of CPU, of 4,000 records 32.3 s; BENCHMARKS.md, "Import"). On a remote
# store a batch is one SPARQL Update request, kept to a size that servers take.
BULK_BATCH, UPDATE_BATCH = 4000, 500


class InputError(Exception):
    """The input cannot be imported as it is; nothing was written. ``problems`` lists each place."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the input; nothing was written:\n{shown}{more}")


class Triples:
    """A unit's triples, in insertion order without duplicates: what an rdflib Graph would hold, at a
    fraction of its memory and time (an import holds tens of thousands of units)."""

    def __init__(self, triples=()):
        self._triples = dict.fromkeys(triples)

    def add(self, triple):
        self._triples[triple] = None

    def __iadd__(self, other):
        for triple in other:
            self._triples[triple] = None
        return self

    def __iter__(self):
        return iter(self._triples)

    def __len__(self):
        return len(self._triples)

    def __contains__(self, triple):
        return triple in self._triples

    def triples(self, pattern):
        return (t for t in self._triples if all(want is None or want == got for want, got in zip(pattern, t)))

    def subjects(self, predicate=None, object=None):
        return (s for s, _, _ in self.triples((None, predicate, object)))

    def objects(self, subject=None, predicate=None):
        return (o for _, _, o in self.triples((subject, predicate, None)))


@dataclass
class Record:
    """One input item: the units it owns (graph name -> triples), the shared units it needs, where it is."""
    where: str
    units: dict[URIRef, Triples] = field(default_factory=dict)
    needs: set[URIRef] = field(default_factory=set)


@dataclass
class Skip:
    where: str
    reason: str

    def __str__(self):
        return f"{self.where}: {self.reason}"


@dataclass
class Report:
    """What an import did: records added, already there, skipped (with why), triples written."""
    added: int = 0
    present: int = 0
    merged: int = 0
    triples: int = 0
    skipped: list[Skip] = field(default_factory=list)

    def summary(self, what: str) -> str:
        parts = [f"{what}: {self.added} added", f"{self.present} already present"]
        if self.merged:
            parts.append(f"{self.merged} duplicate(s) merged")
        parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts) + f"; {self.triples} triples written"


class SharedUnits:
    """The units several records may need (agents, documents, topics), each built once per import."""

    def __init__(self):
        self.graphs: dict[URIRef, Triples] = {}
        self.where: dict[URIRef, str] = {}

    def add(self, name: URIRef, graph: Triples, where: str) -> URIRef:
        if name not in self.graphs:
            self.graphs[name] = graph
            self.where[name] = where
        return name

    def __contains__(self, name) -> bool:
        return name in self.graphs


# -- slugs and IRIs -------------------------------------------------------------------------------------

def slug(text: str, limit: int = 60) -> str:
    """A readable IRI segment: lower-case ASCII letters, digits and hyphens (so "Jack_Graham" and
    "jack-graham" are one slug); a longer one is cut and ends with a hash of the whole text."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    readable = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
    if len(readable) <= limit:
        return readable
    return f"{readable[:limit - 9].rstrip('-')}-{digest(text)[:8]}"


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def resource(kind: str, name: str) -> URIRef:
    return BASE[f"{kind}/{name}"]


def unit_name(node: URIRef) -> URIRef:
    """The named graph of the unit that describes a claimkb resource: ``{BASE}kind/slug`` ->
    ``{BASE}graph/kind/slug`` (fragments belong to their resource's unit)."""
    local = str(node)[len(str(BASE)):].split("#", 1)[0]
    return BASE[f"graph/{local}"]


# -- the load --------------------------------------------------------------------------------------------

def existing_graphs(kb, names: Iterable[URIRef]) -> set[URIRef]:
    """Which of ``names`` are named graphs of the store already (one query per 500 names)."""
    names = list(dict.fromkeys(names))
    found: set[URIRef] = set()
    for start in range(0, len(names), 500):
        chunk = names[start:start + 500]
        found |= {row["g"] for row in kb.store.select(sparql.bind_many(sparql.text("import/existing-graphs"), "g", chunk))}
    return found


def ensure_vocabulary(kb):
    """Load the vocabulary into a store that lacks it (a store opened with ``load=False``)."""
    if existing_graphs(kb, [VOCABULARY_GRAPH]):
        return
    change = Change(units={VOCABULARY_GRAPH: vocabulary.graph()})
    change.provenance.add((VOCABULARY_GRAPH, RDF.type, PROV.Entity))
    with kb.write_lock:
        kb.store.update(change.as_update())


def batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    batch = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(kb, records: Iterable[Record], shared: SharedUnits, agent: URIRef, *, total: int | None = None,
        batch_size: int | None = None, progress: bool = True, label: str = "import",
        derived_from: URIRef | None = None, report: Report | None = None, jobs: int | None = None) -> Report:
    """Load ``records`` in validated batches (see the module's docstring); returns the report.
    ``batch_size`` records per batch (default: :data:`BULK_BATCH` or :data:`UPDATE_BATCH`, by the store);
    ``jobs`` validation processes (default: one per core, up to 4, for imports of more than two batches)."""
    from tqdm import tqdm
    from kb.importers import validation
    report = report or Report()
    batch_size = batch_size or (BULK_BATCH if hasattr(kb.store, "bulk_add") else UPDATE_BATCH)
    state = _State(shared, agent, report, derived_from)
    if jobs is None:
        jobs = validation.workers() if total is None or total > 2 * batch_size else 1
    state.groups = max(1, jobs)
    state.pool = validation.pool(jobs)
    bar = tqdm(total=total, desc=label, unit=" records", file=sys.stderr, disable=not progress or None,
               dynamic_ncols=True, leave=False)
    writer = Writer(kb, _commit)
    try:
        for batch in batches(records, batch_size):
            _load_batch(kb, batch, state, writer)
            bar.update(len(batch))
        writer.release()
    finally:
        writer.abandon()
        bar.close()
        if state.pool is not None:
            state.pool.shutdown()
    return report


@dataclass
class _State:
    shared: SharedUnits
    agent: URIRef
    report: Report
    derived_from: URIRef | None
    done: set = field(default_factory=set)        # units written (or found) in this run
    refused: dict = field(default_factory=dict)   # shared units that broke a shape, and why
    groups: int = 1
    pool: object = None


def _load_batch(kb, batch: list[Record], state: _State, writer: Writer):
    """Validate ``batch`` and hand what conforms to ``writer``: while the previous batch is still being
    written, the validation reads it from the writer (:mod:`kb.importers.writer`)."""
    from kb.importers.validation import check_batch, fast_check, index, independent_groups
    report, done, refused, shared = state.report, state.done, state.refused, state.shared
    wanted = {name for record in batch for name in [*record.units, *record.needs]} - done
    done |= existing_graphs(kb, wanted)
    live = []
    for record in batch:
        if all(name in done for name in record.units):
            report.present += 1
            continue
        blocked = next((refused[n] for n in sorted(record.needs) if n in refused), None)
        if blocked:
            report.skipped.append(Skip(record.where, blocked))
            continue
        live.append(record)
    writer.hold()
    checked = False
    units = _units_of(live, shared, done)
    while live and not checked:
        violations = fast_check(kb.store, units, writer.pending, writer.settle)
        if violations is None:
            writer.settle()
            groups = independent_groups([(r.units, r.needs) for r in live], state.groups)
            graphs = [_triples(_units_of([live[i] for i in group], shared, done)) for group in groups]
            violations = check_batch(kb.store, graphs, state.pool)
        if not violations:
            break
        kept = _drop_refused(live, units, shared, violations, report, refused)
        # Taking records out changes nothing for the others unless they refer to what was taken out.
        still = {id(record) for record in kept}
        checked = not _refers_to_dropped(kept, [r for r in live if id(r) not in still], shared, done)
        live = kept
        units = _units_of(live, shared, done)
    if not live:
        writer.release()
        return
    change = Change(units=units)
    change.attribute(state.agent, now_literal())
    if state.derived_from is not None:
        for name in units:
            change.provenance.add((name, PROV.hadPrimarySource, state.derived_from))
    # Counted as done now, so that the next batch, validated while this one is written, does not write
    # its shared units again; if the write fails, the import stops there.
    done |= set(units)

    def written(added=len(live), triples=2 * sum(len(g) for g in units.values()) + len(change.provenance)):
        report.added += added
        report.triples += triples
    writer.write(change, index(triple for graph in units.values() for triple in graph), written)


def _triples(units: dict[URIRef, Triples]) -> Graph:
    added = Graph()
    for graph in units.values():
        for triple in graph:
            added.add(triple)
    return added


def _refers_to_dropped(kept: list[Record], dropped: list[Record], shared: SharedUnits, done: set) -> bool:
    kept_units = _units_of(kept, shared, done)
    gone = set()
    for name, graph in _units_of(dropped, shared, done).items():
        if name not in kept_units:
            gone |= set(graph.subjects())
    return any(node in gone for graph in kept_units.values() for triple in graph for node in (triple[0], triple[2]))


def _units_of(records: list[Record], shared: SharedUnits, done: set) -> dict[URIRef, Triples]:
    units: dict[URIRef, Triples] = {}
    for record in records:
        for name in sorted(record.needs, key=str):
            if name not in done and name not in units:
                units[name] = shared.graphs[name]
        for name, graph in record.units.items():
            if name not in done:
                units[name] = graph
    return units


def _drop_refused(live, units, shared, violations, report, refused) -> list[Record]:
    """The records left once those whose units break a shape are taken out (each reported once)."""
    owner: dict[str, URIRef] = {}
    for name, graph in units.items():
        for subject in graph.subjects():
            owner.setdefault(str(subject), name)
    reasons: dict[URIRef, str] = {}
    for violation in violations:
        name = owner.get(violation.focus)
        if name is None:  # a node outside the batch: blame every unit that points to it
            for unit, graph in units.items():
                if any(True for _ in graph.triples((None, None, URIRef(violation.focus)))):
                    reasons.setdefault(unit, str(violation))
        else:
            reasons.setdefault(name, str(violation))
    for name, reason in reasons.items():
        if name in shared:
            refused[name] = f"needs {name.rsplit('/', 2)[-2]} {name.rsplit('/', 1)[-1]} " \
                            f"({shared.where[name]}), which does not conform: {reason}"
    kept = []
    for record in live:
        own = next((reasons[n] for n in record.units if n in reasons), None)
        need = next((refused[n] for n in sorted(record.needs) if n in refused), None)
        if own or need:
            report.skipped.append(Skip(record.where, own or need))
        else:
            kept.append(record)
    if len(kept) == len(live):  # a violation no record can be blamed for: refuse the whole batch
        for record in live:
            report.skipped.append(Skip(record.where, "; ".join(str(v) for v in violations[:3])))
        return []
    return kept


def _commit(kb, change: Change):
    """All or nothing: on the embedded store, held by this process alone, a bulk load taken back if it
    fails (``EmbeddedStore.bulk_add``); on a remote one (or through a server), one SPARQL Update."""
    store = kb.store
    if hasattr(store, "bulk_add"):
        store.bulk_add(change.nquads_parts(), list(change.units))
    else:
        store.update(change.as_update())


def literal(text: str, language: str | None = None) -> Literal:
    return Literal(unicodedata.normalize("NFC", text.strip()), lang=language or None)
