"""The claims index: filters (facets with counts, several verdicts at once), search, sort and pages.

SPARQL does the work: ``browse/claims.rq`` (or ``claims-reading.rq`` for the reading order) filters, sorts
and pages the claims (ORDER BY, LIMIT/OFFSET), and
``browse/claim-facets.rq`` counts them, in total and by facet value, in one query. Only the page's claims are
then read in full, all in one query (``browse/claim-summary.rq``), and only the facet values shown get their
labels (in one query too).
"""
import math
import unicodedata

from flask import render_template, request
from rdflib import Literal, URIRef

from web.browse import blueprint, links, results
from web.browse.records import Record, latest_verdict, records, term_label, verdict
from web.i18n import pick

PAGE_SIZE = 20
FACETS = ("verdict", "claimant", "source", "event", "presentedAs", "language")
MULTIPLE = {"verdict": 9}  # facets where a reader may pick several values (any of them), and how many at most
SORTS = ("date", "reading", "verdict", "false")
SHOWN_VALUES = 15  # values listed per facet, the most frequent first (chosen ones are always listed)
MAX_TERMS = 4
LANGUAGE_NAMES = {"fr": "français", "en": "English"}


# -- search ------------------------------------------------------------------------------------------

def fold(text: str) -> str:
    """Lower case, without accents, with straight apostrophes: how the search compares words (claims.rq folds
    the texts the same way)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'").replace("‘", "'")


def search_words(query: str) -> list[str]:
    """The words of a search (at most MAX_TERMS), folded: "Réseaux" finds "réseaux", "l'acces" finds "l’accès"."""
    return fold(query).split()[:MAX_TERMS]


# -- filters -----------------------------------------------------------------------------------------

def chosen_filters(args) -> dict[str, list[str]]:
    """The facet values a reader chose: facet -> values (one, or several for MULTIPLE facets)."""
    chosen = {}
    for facet in FACETS:
        values = [v.strip() for v in args.getlist(facet) if v.strip()] if facet in MULTIPLE \
            else [args.get(facet, "").strip()]
        values = list(dict.fromkeys(v for v in values if v))[:MULTIPLE.get(facet, 1)]
        if values:
            chosen[facet] = values
    return chosen


def filter_bindings(chosen: dict, words: list[str]) -> dict:
    bindings = {}
    for facet, values in chosen.items():
        if facet in MULTIPLE:
            bindings.update({f"{facet}{n}": URIRef(v) for n, v in enumerate(values, start=1)})
        else:
            bindings[facet] = Literal(values[0]) if facet == "language" else URIRef(values[0])
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


def toggled(chosen: dict, facet: str, value: str) -> str:
    """The index's address with ``value`` added to or removed from the values chosen for ``facet``."""
    values = chosen.get(facet, [])
    if facet in MULTIPLE:
        values = [v for v in values if v != value] if value in values else values + [value]
        return links.with_args(**{facet: values or None})
    return links.with_args(**{facet: None if value in values else value})


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


@blueprint.get("/claims")
def claims_index():
    chosen = chosen_filters(request.args)
    query = request.args.get("q", "")
    bindings = filter_bindings(chosen, search_words(query))
    how = request.args.get("sort", SORTS[0])
    how = how if how in SORTS else SORTS[0]
    total, facets = counted(results.shared("browse/claim-facets", **bindings), chosen)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = page_number(request.args.get("page", "1"), pages)
    if how == "reading":
        rows = results.select_page("browse/claims-reading", PAGE_SIZE, (page - 1) * PAGE_SIZE, **bindings)
    else:
        rows = results.select_page("browse/claims", PAGE_SIZE, (page - 1) * PAGE_SIZE, sort=Literal(how), **bindings)
    return render_template("browse/claims.html", claims=summaries([row["claim"] for row in rows]), total=total,
                           page=page, pages=pages, facets=facets, chosen=chosen, chips=chips(chosen, facets),
                           q=query, sort=how, sorts=SORTS, multiple=MULTIPLE)
