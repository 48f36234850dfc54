"""The claims index: filters (facets with counts, several values of each at once), search, sort and pages.

On the embedded store the claims index in memory (``kb/claim_index.py``) filters, counts, searches and sorts.
Elsewhere (a remote store, or while that index is built) SPARQL does: ``browse/claims.rq`` (or
``claims-reading.rq`` for the reading order) filters, sorts and pages the claims (ORDER BY, LIMIT/OFFSET), and
``browse/claim-facets.rq`` counts them, in total and by facet value, in one query; the two answer alike
(tests/web/browse/test_claim_index_pages.py). Only the page's claims are then read in full, all in one query
(``browse/claim-summary.rq``), and only the facet values shown get their labels (in one query too).

Facets are disjunctive: a reader may choose several values of each (``?claimant=A&claimant=B``: claims with any
of them), facets combine (claims that pass each), and a facet's counts leave out its own filter, so that more of
its values can still be added. The exact rules are in claim-facets.rq's header.
"""
import math

from flask import render_template, request
from rdflib import Literal, URIRef

from kb import sparql
from kb.claim_index import fold
from web.browse import blueprint, links, results
from web.browse.records import Record, latest_verdict, records, term_label, verdict
from web.i18n import pick

PAGE_SIZE = 20
FACETS = ("verdict", "claimant", "source", "event", "presentedAs", "language")
MOST_VALUES = 9  # values a reader may choose per facet: the queries have ?verdict1..?verdict9, ?claimant1.. and so on
SORTS = ("date", "reading", "verdict", "false")
SHOWN_VALUES = 15  # values listed per facet, the most frequent first (chosen ones are always listed)
MAX_TERMS = 4
LANGUAGE_NAMES = {"fr": "français", "en": "English"}


# -- search ------------------------------------------------------------------------------------------

def search_words(query: str) -> list[str]:
    """The words of a search (at most MAX_TERMS), folded: "Réseaux" finds "réseaux", "l'acces" finds "l’accès"."""
    return fold(query).split()[:MAX_TERMS]


# -- filters -----------------------------------------------------------------------------------------

def chosen_filters(args) -> tuple[dict[str, list[str]], list[str]]:
    """The facet values a reader chose (``?claimant=A&claimant=B``: facet -> values, in order, without repeats),
    and the facets where more than MOST_VALUES were asked: only the first ones are kept, and the page says so."""
    chosen, cut = {}, []
    for facet in FACETS:
        values = list(dict.fromkeys(v.strip() for v in args.getlist(facet) if v.strip()))
        if len(values) > MOST_VALUES:
            values, cut = values[:MOST_VALUES], cut + [facet]
        if values:
            chosen[facet] = values
    return chosen, cut


def filter_bindings(chosen: dict, words: list[str]) -> dict:
    bindings = {f"{facet}{n}": _term(facet, value)
                for facet, values in chosen.items() for n, value in enumerate(values, start=1)}
    bindings.update({f"q{n}": Literal(word) for n, word in enumerate(words, start=1)})
    return bindings


# -- facets ------------------------------------------------------------------------------------------

NAMED = ("claimant", "source", "event")  # facets whose values are resources with names in the KB


def facet_label(facet: str, value, names: dict) -> str:
    if facet == "verdict":
        return verdict(value).label
    if facet == "presentedAs":
        return term_label(value)
    if facet == "language":
        return LANGUAGE_NAMES.get(str(value), str(value))
    return str(pick(names.get(value, [])) or value)


def names_of(resources: list) -> dict:
    """Resource -> its names (every language), for the facet values listed."""
    names: dict = {}
    for row in results.select_each("browse/labels", "s", resources):
        names.setdefault(row["s"], []).append(row["label"])
    return names


def toggled(chosen: dict, facet: str, value: str) -> str | None:
    """The index's address with ``value`` added to or removed from the values chosen for ``facet``; None when
    the facet already has MOST_VALUES values (one must go before another comes)."""
    values = chosen.get(facet, [])
    if value in values:
        return links.with_args(**{facet: [v for v in values if v != value] or None})
    return links.with_args(**{facet: values + [value]}) if len(values) < MOST_VALUES else None


def counted(rows: list[dict], chosen: dict) -> tuple[int, dict]:
    """The total and, per facet, the values to list: the most frequent, and every chosen one."""
    total, by_facet = 0, {facet: [] for facet in FACETS}
    for row in rows:
        facet = str(row["facet"])
        if facet == "total":
            total = int(row["count"])
        elif facet in by_facet and "value" in row:
            by_facet[facet].append((row["value"], int(row["count"])))
    facets = {}
    for facet, values in by_facet.items():
        values.sort(key=lambda pair: (-pair[1], str(pair[0])))
        picked = chosen.get(facet, [])
        facets[facet] = values[:SHOWN_VALUES] + [(v, n) for v, n in values[SHOWN_VALUES:] if str(v) in picked]
    names = names_of([v for facet in NAMED for v, _n in facets[facet]])
    for facet, shown in facets.items():
        picked = chosen.get(facet, [])
        facets[facet] = [{"value": str(v), "count": n, "label": facet_label(facet, v, names),
                          "chosen": str(v) in picked, "href": toggled(chosen, facet, str(v))} for v, n in shown]
    return total, facets


def chips(chosen: dict, facets: dict) -> list[dict]:
    """One removable chip per chosen value, labelled as its facet lists it."""
    labels = {(facet, v["value"]): v["label"] for facet, values in facets.items() for v in values}
    unlisted = [(facet, value) for facet, values in chosen.items() for value in values if (facet, value) not in labels]
    names = names_of([URIRef(value) for facet, value in unlisted if facet in NAMED])
    return [{"facet": facet, "label": labels.get((facet, value)) or facet_label(facet, _term(facet, value), names),
             "href": toggled(chosen, facet, value)}
            for facet, values in chosen.items() for value in values]


def _term(facet, value):
    return Literal(value) if facet == "language" else URIRef(value)


# -- the page ----------------------------------------------------------------------------------------

def summaries(claims: list) -> list[Record]:
    """The page's claims as lines of the list, in the page's order."""
    found = {item.one("claim"): item for item in records(results.select_each("browse/claim-summary", "claim", claims),
                                                         "claim")}
    lines = []
    for claim in claims:
        line = found.get(claim) or Record(claim=[claim])
        line["current"] = latest_verdict(line)
        lines.append(line)
    return lines


def page_number(asked: str, pages: int) -> int:
    try:
        return min(max(1, int(asked)), pages)
    except ValueError:
        return 1


def matching(chosen: dict, words: list[str], bindings: dict, how: str, page_of) -> tuple[list, list[dict], int]:
    """The claims of one page and the facet rows: from the claims index in memory when there is one
    (``kb.claim_index``, see results.indexed), else from SPARQL. ``page_of(total)`` gives the page to show."""
    found = results.indexed(chosen, words, how)
    if found is not None:
        claims, rows = found
        page = page_of(len(claims))
        return [URIRef(claim) for claim in claims[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]], rows, page
    rows = results.shared("browse/claim-facets", **bindings)
    page = page_of(next((int(row["count"]) for row in rows if str(row["facet"]) == "total"), 0))
    if how == "reading":
        found = results.select_page("browse/claims-reading", PAGE_SIZE, (page - 1) * PAGE_SIZE, **bindings)
    else:
        found = results.select_page("browse/claims", PAGE_SIZE, (page - 1) * PAGE_SIZE, sort=Literal(how), **bindings)
    return [row["claim"] for row in found], rows, page


@blueprint.get("/claims")
def claims_index():
    chosen, cut = chosen_filters(request.args)
    query = request.args.get("q", "")
    words = search_words(query)
    bindings = filter_bindings(chosen, words)
    for term in bindings.values():
        sparql.to_oxigraph(term)  # an invalid IRI is a 400, whichever answers
    how = request.args.get("sort", SORTS[0])
    how = how if how in SORTS else SORTS[0]
    claims, rows, page = matching(chosen, words, bindings, how,
                                  lambda total: page_number(request.args.get("page", "1"),
                                                            max(1, math.ceil(total / PAGE_SIZE))))
    total, facets = counted(rows, chosen)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    return render_template("browse/claims.html", claims=summaries(claims), total=total,
                           page=page, pages=pages, facets=facets, chosen=chosen, chips=chips(chosen, facets),
                           q=query, sort=how, sorts=SORTS, cut=cut, most_values=MOST_VALUES)
