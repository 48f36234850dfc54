"""The claims index in memory: a line per claim with what the readers' index filters, counts, searches and
sorts by, kept up to date write by write.

Why: at 1,000,000 quads the facet counts and sort of ``/claims`` take seconds in SPARQL, as each count joins
claims with reviews, ratings and sources lookup by lookup on disk. Their results can be kept only until the
next write, so the first reader after every write waited seconds. Here a write re-reads only the lines of the
claims it may have changed (``index/affected.rq``: milliseconds), and counting, searching and sorting
13,000 lines in Python takes milliseconds.

The SPARQL queries (``browse/claims.rq``, ``browse/claim-facets.rq``) stay: a remote store is written by other
processes too, so nothing can be kept in one of them; and they are the reference the tests compare this index
with (``tests/kb/test_claim_index.py``).

Built once per process from the whole KB (``index/*.rq``; seconds at 1,000,000 quads): ``claimkb serve`` starts
that in the background, and the web layer answers with SPARQL until it is done (``lines()`` is None). Writes
that do not go through ``KnowledgeBase.commit`` (bulk imports, a restore, the first load) are seen in the
store's write count, and answered with a new build.
"""
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from decimal import Decimal

from rdflib import Literal, URIRef

from kb import sparql

FACETS = ("verdict", "claimant", "source", "event", "presentedAs", "language")
BATCH = 500  # resources per VALUES block when re-reading lines


# The combining marks of the Unicode blocks of diacritics: what NFKD splits off accented letters.
COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case, without accents, with straight apostrophes: how the search compares words. (A regular
    expression rather than a test of each character: folding every review body is most of a build.)"""
    if text.isascii():
        return text.lower()
    return COMBINING.sub("", unicodedata.normalize("NFKD", text.lower())).replace("’", "'").replace("‘", "'")


@dataclass(frozen=True, slots=True)
class Line:
    """One claim: its values for each facet, its folded texts (its own and its published reviews' bodies),
    its latest published review date, highest verdict on the scale, and first anchor (source, offset).
    Plain strings, not rdflib terms: rdflib hashes and compares its terms in Python, which made counting
    100,000 lines take seconds."""
    claim: str
    values: dict
    about: tuple  # everything it is about: the event filter takes any of them, its counts the dated ones only
    texts: tuple
    date: str | None
    scale: float | None
    anchor: tuple | None

    def says(self, words: list[str]) -> bool:
        return any(all(word in text for word in words) for text in self.texts)


SORT_KEYS = {
    # browse/claims.rq's ORDER BY, with unreviewed claims last; ties keep the index's order.
    "date": (lambda line: (line.date is not None, line.date or "", line.scale is not None, line.scale or 0.0), True),
    "verdict": (lambda line: (line.scale is not None, line.scale or 0.0, line.date is not None, line.date or ""), True),
    "false": (lambda line: (line.scale is not None, -(line.scale or 0.0), line.date is not None, line.date or ""),
              True),
    # browse/claims-reading.rq's: anchored claims by source and offset, then the rest, each by IRI.
    "reading": (lambda line: (line.anchor is None, line.anchor or ("", 0), line.claim), False),
}


class Lines:
    """The index at one state of the KB; never changed (a write makes a new one), so readers need no lock."""

    def __init__(self, lines: dict):
        self.lines = lines
        self._orders: dict = {}
        self._counts: list = []

    def __len__(self):
        return len(self.lines)

    def order(self, sort: str) -> list[Line]:
        if sort not in self._orders:
            key, reverse = SORT_KEYS[sort]
            self._orders[sort] = sorted(self.lines.values(), key=key, reverse=reverse)
        return self._orders[sort]

    def answer(self, chosen: dict, words: list[str], sort: str) -> tuple[list[str], list[dict]]:
        """The claims that pass the filters ``chosen`` (facet -> values, any of them) and contain every word of
        ``words`` (folded) in one of their texts, in ``sort`` order; and the counts as browse/claim-facets.rq
        gives them: the total, and per facet the claims with each value among those that pass every filter
        but that facet's own."""
        chosen = {facet: set(values) for facet, values in chosen.items() if values}
        lines = self.order(sort)
        if words:
            lines = [line for line in lines if line.says(words)]
        if not chosen:
            passing, bases = lines, dict.fromkeys(FACETS, lines)
        else:
            failing = [(line, [facet for facet, values in chosen.items()
                               if values.isdisjoint(line.about if facet == "event" else line.values[facet])])
                       for line in lines]
            passing = [line for line, failed in failing if not failed]
            bases = {facet: [line for line, failed in failing if not failed or failed == [facet]]
                     if facet in chosen else passing for facet in FACETS}
        if not chosen and not words:  # the index as first shown: the same counts until the next write
            self._counts = self._counts or self._count(bases)
            counts = self._counts
        else:
            counts = self._count(bases)
        return [line.claim for line in passing], [{"facet": "total", "count": len(passing)}] + counts

    @staticmethod
    def _count(bases: dict) -> list[dict]:
        return [{"facet": facet, "value": Literal(value) if facet == "language" else URIRef(value), "count": n}
                for facet, base in bases.items()
                for value, n in Counter(chain.from_iterable(line.values[facet] for line in base)).items()]


class ClaimIndex:
    """Readers never wait for writers here: a commit announces its write (``writing``) before the store's
    update, under the facade's write lock, with the write count the store will have after it; a reader takes
    the announced writes the store has already counted and leaves the others for later. (Taking the write
    lock to read the two together starved readers behind 20 writers: 54 s p95 in the load test.)"""

    def __init__(self, store):
        self.store = store
        self.lock = threading.Lock()  # one reader catches up or builds at a time
        self._pending_lock = threading.Lock()
        self._lines: Lines | None = None
        self._generation = None
        self._pending: list[tuple[int, set, set]] = []  # (store generation after a write, its subjects, objects)
        self._building = False
        self._background = False

    # -- writes ------------------------------------------------------------------------------------------

    def writing(self, added, removed) -> tuple | None:
        """A commit is about to change the view (under the facade's write lock, so no other commit comes
        between): remember what it touches, as the write the store will count next. The next reader
        re-reads those lines. Give the answer to ``failed`` if the store refuses the update."""
        if self._lines is None and not self._building:
            return None
        # What changed about a resource is in triples of which it is the subject; a claim named as an object
        # (the reviewed claim of a retracted review) is re-read itself. A note on an article then re-reads
        # nothing, where taking objects too re-read every claim of the article at each note.
        subjects = {str(s) for graph in (added, removed) for s, _p, _o in graph if isinstance(s, URIRef)}
        objects = {str(o) for graph in (added, removed) for _s, _p, o in graph if isinstance(o, URIRef)}
        entry = (self.store.generation + 1, subjects, objects)
        with self._pending_lock:
            self._pending.append(entry)
        return entry

    def failed(self, entry: tuple | None):
        """The announced write did not happen (the store refused it): the next write will have its count."""
        with self._pending_lock:
            if entry in self._pending:
                self._pending.remove(entry)

    def _take(self, generation: int) -> list[tuple[int, set, set]]:
        """The announced writes that the store has counted (a write announced, not yet done, stays)."""
        with self._pending_lock:
            taken = [entry for entry in self._pending if entry[0] <= generation]
            self._pending = [entry for entry in self._pending if entry[0] > generation]
        return taken

    # -- reads -------------------------------------------------------------------------------------------

    def start(self):
        """Build in the background; until done, ``lines()`` answers None."""
        with self.lock:
            self._background = True
            if self._lines is None and not self._building:
                self._start_build()

    def lines(self) -> Lines | None:
        """The index as of the latest write; None while a build runs in the background."""
        if self._building:
            return None
        with self.lock:
            if self._building:
                return None
            if self._lines is None:
                self._build()
            elif self.store.generation != self._generation:
                self._catch_up()
            return None if self._building else self._lines  # a rebuild after a write past commit

    def _catch_up(self):
        generation = self.store.generation
        pending = self._take(generation)
        missing = set(range(self._generation + 1, generation + 1)) - {entry[0] for entry in pending}
        if missing:  # a write that did not go through commit (an import, a restore): read everything again
            if self._background:
                self._start_build()
            else:
                self._build()
            return
        subjects = set().union(*(entry[1] for entry in pending if entry[0] > self._generation))
        objects = set().union(*(entry[2] for entry in pending if entry[0] > self._generation))
        claims = set(self._read("index/affected", "touched", sorted(subjects), "claim")) if subjects else set()
        claims |= {term for term in subjects | objects if term in self._lines.lines}
        lines = dict(self._lines.lines)
        for claim in claims:
            lines.pop(claim, None)
        lines.update(self._read_lines(sorted(claims)))
        self._lines, self._generation = Lines(lines), generation

    def _start_build(self):
        self._building = True
        threading.Thread(target=self._build, name="claim-index", daemon=True).start()

    def _build(self):
        try:
            generation = self.store.generation
            self._take(generation)  # the build reads them
            lines = Lines(self._read_lines(None))
            self._lines, self._generation = lines, generation
        finally:
            self._building = False

    # -- reading lines from the store --------------------------------------------------------------------

    def _read(self, name: str, variable: str, terms: list | None, column: str | None = None) -> list:
        """The rows of ``index/<name>`` (for ``terms`` only, in batches, if given); one column if named."""
        if terms is None:
            rows = self.store.select_values(sparql.text(name))
        else:
            rows = []
            for at in range(0, len(terms), BATCH):
                batch = [URIRef(term) for term in terms[at:at + BATCH]]
                rows += self.store.select_values(sparql.bind_many(sparql.text(name), variable, batch))
        return rows if column is None else [row[column] for row in rows]

    def _read_lines(self, claims: list | None) -> dict:
        """Lines for ``claims`` (those that are claims now), or for every claim if None."""
        found = self._read("index/claims", "claim", claims, "claim")
        facts: dict = {claim: {} for claim in found}
        for row in self._read("index/facts", "claim", claims):
            if row["claim"] in facts:
                facts[row["claim"]].setdefault(row["property"], []).append(row["value"])
        sources = sorted({s for f in facts.values() for s in f.get("source", ())})
        abouts = sorted({a for f in facts.values() for a in f.get("about", ())})
        languages: dict = {}
        for row in self._read("index/languages", "source", None if claims is None else sources):
            languages.setdefault(row["source"], []).append(row["language"])
        dated = set(self._read("index/dated", "value", None if claims is None else abouts, "value"))
        scales = {row["verdict"]: float(Decimal(row["scale"])) for row in self._read("index/scales", "", None)}
        reviews: dict = {}
        for row in self._read("index/reviews", "claim", claims):
            review = reviews.setdefault(row["claim"], {}).setdefault(row["review"], {"verdicts": [], "bodies": []})
            if "date" in row:
                review["date"] = row["date"]
            if "verdict" in row:
                review["verdicts"].append(row["verdict"])
            if "body" in row:
                review["bodies"].append(fold(row["body"]))
        anchors: dict = {}
        for row in self._read("index/anchors" if claims is not None else "index/anchors-all", "claim", claims):
            anchors.setdefault(row["claim"], []).append((row["source"], int(row["start"])))
        lines = {}
        for claim in found:
            own = facts[claim]
            rated = [r for r in reviews.get(claim, {}).values() if r["verdicts"]]
            published = list(reviews.get(claim, {}).values())
            verdicts = _unique(v for r in rated for v in r["verdicts"])
            claim_sources = own.get("source", [])
            values = {
                "verdict": verdicts,
                "claimant": _unique(own.get("claimant", [])),
                "source": _unique(claim_sources),
                "event": _unique(a for a in own.get("about", []) if a in dated),
                "presentedAs": _unique(own.get("presentedAs", [])),
                "language": _unique(lang for s in claim_sources for lang in languages.get(s, [])),
            }
            dates = [r["date"] for r in published if "date" in r]
            scale = [scales[v] for v in verdicts if v in scales]
            texts = tuple(fold(t) for t in own.get("text", [])) + tuple(b for r in published for b in r["bodies"])
            lines[claim] = Line(claim, values, _unique(own.get("about", [])), texts, max(dates) if dates else None, max(scale) if scale else None,
                                min(anchors[claim]) if claim in anchors else None)
        return lines


def _unique(terms) -> tuple:
    return tuple(dict.fromkeys(terms))
