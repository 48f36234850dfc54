"""Lists on the readers' pages that grow with the KB (the claims about an event, by an agent, in a source; what
an agent did): the first CAP in a documented order, the exact count, and where the claims index lists the
rest, the link to it filtered the same way.

At 100,000 claims 42,858 claims are about one event and 23,810 are OpenAI's: listing them all took 42 s
(17 MB of HTML) for the event and over 3 minutes for the agent. Each list is now a query for one page of IRIs
(the order is the query's, documented in its file; LIMIT appended as the claims index pages), a count, and
one query for the lines of the page's claims (a VALUES block); all are kept until the next write
(``results.py``). The order still reads every item of the list once, so the first render after a write grows
with the list (seconds for the largest at 100,000 claims); the page itself no longer does.
"""
from dataclasses import dataclass

from web.browse import messages, results
from web.browse.index import summaries
from web.browse.records import Record, records

CAP = 20  # items listed at most per list


@dataclass
class Listing:
    lines: list[Record]
    total: int
    noun: str  # what is counted: "claims" or "things" (messages.counted)
    order: str  # how the lines are ordered, as readers are told: a key of messages.MESSAGES
    more: str | None = None  # the claims index filtered the same way, where it has such a filter

    @property
    def cut(self) -> bool:
        return self.total > len(self.lines)

    @property
    def total_number(self) -> str:
        return messages.number(self.total)

    @property
    def total_text(self) -> str:
        return messages.counted(self.total, self.noun)


def count(name: str, column: str, **bindings) -> int:
    rows = results.shared(name, **bindings)
    return int(rows[0][column]) if rows else 0


def claims(page: str, counted: str, order: str, more: str | None = None, **bindings) -> Listing:
    """The first CAP claims of the query ``page`` (one row per claim, in its order), each as a line of a list
    (texts, claimant, current verdict, and the page query's own fields such as a date), and the count of all
    of them by ``counted``."""
    rows = results.select_page(page, CAP, 0, **bindings)
    lines = summaries([row["claim"] for row in rows])
    for line, row in zip(lines, rows):
        for name, value in row.items():
            line.setdefault(name, [value])
    return Listing(lines, count(counted, "claims", **bindings), "claims", order, more)


def things(page: str, counted: str, lines_query: str, order: str, **bindings) -> Listing:
    """The first CAP things of the query ``page`` (column ?thing, one row each), read in full by
    ``lines_query`` (``?thing`` bound to the page's), and the count of all of them by ``counted``."""
    iris = [row["thing"] for row in results.select_page(page, CAP, 0, **bindings)]
    found = {item.one("thing"): item for item in
             records(results.select_each(lines_query, "thing", iris, **bindings), "thing")}
    return Listing([found.get(iri) or Record(thing=[iri]) for iri in iris], count(counted, "things", **bindings),
                   "things", order)
