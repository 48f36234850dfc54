"""The home page's queries give what their plain formulations give.

``browse/latest-reviews.rq`` and ``browse/verdict-distribution.rq`` are written for Oxigraph's planner (a
cutoff date found first, sub-selects joined by hashing): the plain queries below are what they must equal,
on the shipped KB and on KBs shaped to reach their edge cases (ties at the cutoff date, reviews without a
date, drafts and other works newer than every published review, two reviews of one claim). The edge cases
are written straight into the store: the shapes would refuse some of them (a review without its date),
and the queries must not depend on that.
"""
from collections import Counter

import pytest

PLAIN_LATEST = """
PREFIX schema: <http://schema.org/>
PREFIX ckb: <https://w3id.org/claimkb#>
SELECT ?review ?date ?claim ?text ?verdict ?claimantName WHERE {
  {
    SELECT ?review ?date ?claim WHERE {
      ?review a schema:ClaimReview ; ckb:status ckb:Published ; schema:itemReviewed ?claim .
      OPTIONAL { ?review schema:datePublished ?date }
    } ORDER BY DESC(?date) ?review LIMIT 8
  }
  OPTIONAL { ?claim schema:text ?text }
  OPTIONAL { ?claim schema:author/schema:name ?claimantName }
  OPTIONAL { ?review schema:reviewRating/ckb:verdict ?verdict }
}
ORDER BY DESC(?date) ?review
"""

PLAIN_DISTRIBUTION = """
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ckb: <https://w3id.org/claimkb#>
SELECT ?verdict ?scale (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
  ?verdict skos:inScheme ckb:VerdictScheme .
  OPTIONAL { ?verdict ckb:scaleValue ?scale }
  OPTIONAL { ?review ckb:status ckb:Published ; schema:itemReviewed ?claim ; schema:reviewRating/ckb:verdict ?verdict }
}
GROUP BY ?verdict ?scale
ORDER BY DESC(COALESCE(?scale, -1)) ?verdict
"""

PREFIXES = """PREFIX schema: <http://schema.org/>
PREFIX ckb: <https://w3id.org/claimkb#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX t: <https://w3id.org/claimkb/test/>
"""


def review(name: str, date: str | None, status: str = "Published", verdict: str = "False",
           claim: str | None = None) -> str:
    """Triples of a review of its own claim (or of ``claim``), as in the current view."""
    claim = claim or f"claim-{name}"
    dated = f'; schema:datePublished "{date}"^^xsd:date ' if date else ""
    return (f"t:{name} a schema:ClaimReview ; ckb:status ckb:{status} ; schema:itemReviewed t:{claim} "
            f"; schema:reviewRating t:{name}-rating {dated}.\n"
            f"t:{name}-rating ckb:verdict ckb:{verdict} .\n"
            f't:{claim} a schema:Claim ; schema:text "claim {claim}"@en .\n')


def ties() -> str:
    """12 reviews on 3 dates, the 8th latest in the middle of 6 on one date; names not in date order."""
    dates = ["2030-01-03"] * 3 + ["2030-01-02"] * 6 + ["2030-01-01"] * 3
    names = ["m", "c", "x", "b", "z", "a", "k", "q", "d", "y", "e", "f"]
    return "".join(review(f"tie-{name}", date) for name, date in zip(names, dates))


def few_dated() -> str:
    """Fewer than 8 dated reviews in all: the undated come after them, by IRI."""
    return ("".join(review(f"dated-{n}", f"2030-02-0{n}") for n in range(1, 4))
            + "".join(review(f"undated-{name}", None) for name in "qbxa"))


def newer_but_not_shown() -> str:
    """A draft, a review in review and a news article, all newer than every published review."""
    return (review("draft", "2031-01-01", status="Draft") + review("in-review", "2031-01-02", status="InReview")
            + 't:article a schema:NewsArticle ; ckb:status ckb:Published ; schema:itemReviewed t:claim-x ; '
              'schema:datePublished "2031-01-03"^^xsd:date .\n' + ties())


def same_claim_twice() -> str:
    """Three published reviews of one claim, two with the same verdict (the claim counts once for it), and
    a draft with another verdict (not counted)."""
    return (review("first", "2030-03-01", verdict="True", claim="shared")
            + review("second", "2030-03-02", verdict="True", claim="shared")
            + review("third", "2030-03-03", verdict="Misleading", claim="shared")
            + review("unpublished", "2030-03-04", status="Draft", verdict="Unproven"))


def without_shipped_dates(kb):
    kb.store.update("PREFIX schema: <http://schema.org/> DELETE WHERE { ?review a schema:ClaimReview ; "
                    "schema:datePublished ?date }")


CASES = {
    "shipped KB": (None, False),
    "ties at the cutoff date": (ties, False),
    "a date per review": (lambda: "".join(review(f"day-{n}", f"2030-04-{n:02d}") for n in range(1, 11)), False),
    "fewer than 8 dated reviews": (few_dated, True),
    "only undated reviews": (lambda: "".join(review(f"undated-{name}", None) for name in "dcba"), True),
    "newer drafts and works": (newer_but_not_shown, False),
    "two reviews of one claim": (same_claim_twice, False),
    "no published review at all": (lambda: "", "all"),
}


def shaped(kb, case):
    triples, undate = CASES[case]
    if undate == "all":
        kb.store.update("PREFIX ckb: <https://w3id.org/claimkb#> DELETE WHERE { ?review ckb:status ckb:Published }")
    elif undate:
        without_shipped_dates(kb)
    if triples:
        kb.store.update(PREFIXES + "INSERT DATA {\n" + triples() + "}")


def in_order(rows):
    """The reviews in the order given (rows of one review may come in any order) and the rows as a bag."""
    order = list(dict.fromkeys((row["review"], row.get("date"), row["claim"]) for row in rows))
    return order, Counter(tuple(sorted(row.items())) for row in rows)


@pytest.mark.parametrize("case", CASES)
def test_latest_reviews_are_those_of_the_plain_query(kb, case):
    shaped(kb, case)
    expected = kb.store.select(PLAIN_LATEST)
    assert in_order(kb.select("browse/latest-reviews")) == in_order(expected)
    assert len({row["review"] for row in expected}) == min(8, len(kb.store.select(
        "PREFIX schema: <http://schema.org/> PREFIX ckb: <https://w3id.org/claimkb#> "
        "SELECT ?r WHERE { ?r a schema:ClaimReview ; ckb:status ckb:Published }")))


@pytest.mark.parametrize("case", CASES)
def test_verdict_distribution_is_that_of_the_plain_query(kb, case):
    shaped(kb, case)
    assert kb.select("browse/verdict-distribution") == kb.store.select(PLAIN_DISTRIBUTION)


def test_the_cases_reach_the_edges(kb):
    """The fixtures do what they are for: the 8th latest review shares its date with reviews left out."""
    shaped(kb, "ties at the cutoff date")
    shown = [row["review"] for row in kb.select("browse/latest-reviews")]
    names = [str(r).rsplit("/", 1)[-1] for r in dict.fromkeys(shown)]
    assert names == ["tie-c", "tie-m", "tie-x", "tie-a", "tie-b", "tie-d", "tie-k", "tie-q"]  # not tie-z


def test_home_page_shows_the_latest_reviews_and_every_verdict(writable_client, kb):
    shaped(kb, "two reviews of one claim")
    html = writable_client.get("/").get_data(as_text=True)
    assert "claim shared" in html  # the latest published review's claim
    assert html.count('class="dist-bar') == len(kb.store.select(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX ckb: <https://w3id.org/claimkb#> "
        "SELECT ?v WHERE { ?v skos:inScheme ckb:VerdictScheme }"))
