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
    def __init__(self, store, write_lock):
        self.store = store
        self.write_lock = write_lock  # held by KnowledgeBase.commit across the store's update and written()
        self.lock = threading.Lock()  # one reader catches up or builds at a time
        self._lines: Lines | None = None
        self._generation = None
        self._pending: list[tuple[int, set]] = []  # (store generation after a write, resources it touched)
        self._building = False
        self._background = False

    # -- writes ------------------------------------------------------------------------------------------

    def written(self, added, removed, generation: int):
        """A commit changed the view: remember what it touched (the lines are re-read by the next reader)."""
        if self._lines is None and not self._building:
            return
        touched = {str(term) for graph in (added, removed) for s, _p, o in graph for term in (s, o)
                   if isinstance(term, URIRef)}
        self._pending.append((generation, touched))

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
        with self.write_lock:  # no commit half done: the store's count and the pending writes agree
            generation, pending, self._pending = self.store.generation, self._pending, []
        missing = set(range(self._generation + 1, generation + 1)) - {g for g, _touched in pending}
        if missing:  # a write that did not go through commit (an import, a restore): read everything again
            if self._background:
                self._start_build()
            else:
                self._build()
            return
        touched = set().union(*(t for g, t in pending if g > self._generation))
        claims = set(self._read("index/affected", "touched", sorted(touched), "claim")) if touched else set()
        claims |= {term for term in touched if term in self._lines.lines}
        lines = dict(self._lines.lines)
        for claim in claims:
            lines.pop(claim, None)
        lines.update(self._read_lines(sorted(claims)))
        self._lines, self._generation = Lines(lines), max([generation] + [g for g, _t in pending])

    def _start_build(self):
        self._building = True
        threading.Thread(target=self._build, name="claim-index", daemon=True).start()

    def _build(self):
        try:
            with self.write_lock:
                generation, self._pending = self.store.generation, []
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
