"""Query results for the readers' pages: pages of ordered results, and the results that every reader shares
(the claims index, its counts, the home page, the vocabulary's labels) kept until the next write.

Paging: SPARQL has no variables for LIMIT and OFFSET, so ``select_page`` appends them to the query's text;
they are integers computed here, never text from the request, and every other value is bound as usual.

Rows for many resources at once: a page that lists twenty claims reads them with one query, not twenty
(``select_each``): the resources go in as a VALUES block (``kb.sparql.bind_many``: terms checked by
Oxigraph's rules, so none can change the query).

The claims index itself (filters, counts, search, sort) is answered from ``kb.claim_index`` on the
embedded store (``indexed``), by SPARQL elsewhere.

Keeping results: at 100,000 claims a count over the whole index takes seconds on the embedded store (each
join step is an index lookup on disk), while its answer changes only when the KB does. The embedded store
counts its writes (``generation``); results are kept, per query and bindings, until that count moves. A
store that cannot tell (a remote endpoint, which other processes may write) is asked every time.
"""
import threading
from collections import OrderedDict

from flask import current_app, g

from kb import sparql

KEPT = 512  # results kept at most (least recently used first out)


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.generation = None
        self.kept: OrderedDict = OrderedDict()

    def get(self, key, generation, compute):
        if generation is None:
            return compute()
        with self.lock:
            if generation != self.generation:
                self.kept.clear()
                self.generation = generation
            elif key in self.kept:
                self.kept.move_to_end(key)
                return self.kept[key]
        rows = compute()  # outside the lock: other readers are not held up by a slow query
        with self.lock:
            if generation == self.generation:
                self.kept[key] = rows
                while len(self.kept) > KEPT:
                    self.kept.popitem(last=False)
        return rows

    def clear(self):
        with self.lock:
            self.kept.clear()


def _results() -> Results:
    return current_app.extensions.setdefault("claimkb.browse.results", Results())


def _generation():
    return getattr(g.kb.store, "generation", None)


def shared(name: str, **bindings) -> list[dict]:
    """``g.kb.select(name, **bindings)``, kept until the next write."""
    key = (name, tuple(sorted(bindings.items())))
    return _results().get(key, _generation(), lambda: g.kb.select(name, **bindings))


def select_page(name: str, limit: int, offset: int, **bindings) -> list[dict]:
    """Rows ``offset`` to ``offset + limit`` of the ordered query ``name``, kept until the next write."""
    limit, offset = int(limit), int(offset)
    text = sparql.text(name) + f"\nLIMIT {limit} OFFSET {offset}\n"
    key = (name, limit, offset, tuple(sorted(bindings.items())))
    return _results().get(key, _generation(), lambda: g.kb.store.select(text, bindings))


def select_each(name: str, variable: str, terms: list, **bindings) -> list[dict]:
    """The rows of ``name`` with ``?variable`` bound to each of ``terms`` in turn, in one query, kept until the
    next write."""
    terms = list(dict.fromkeys(terms))
    if not terms:
        return []
    text = sparql.bind_many(sparql.text(name), variable, terms)
    key = (name, variable, tuple(terms), tuple(sorted(bindings.items())))
    return _results().get(key, _generation(), lambda: g.kb.store.select(text, bindings))


def indexed(chosen: dict, words: list[str], sort: str) -> tuple[list[str], list[dict]] | None:
    """The claims index's answer from the index in memory (``kb.claim_index``): the claims that pass, in
    order, and the facet rows as ``browse/claim-facets`` gives them; kept until the next write. None when
    there is no index (a remote store, or ``CLAIM_INDEX`` off) or it is still being built: then SPARQL
    answers."""
    index = g.kb.claim_index
    if index is None or not current_app.config.get("CLAIM_INDEX", True):
        return None
    lines = index.lines()
    if lines is None:
        return None
    key = ("claim-index", tuple((facet, tuple(values)) for facet, values in sorted(chosen.items())), tuple(words),
           sort)
    return _results().get(key, _generation(), lambda: lines.answer(chosen, words, sort))


def forget():
    """Drop every kept result (the benchmark uses it to measure a first render after a write)."""
    _results().clear()
