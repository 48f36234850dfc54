"""The claims index (facets, search, sort, pages) and the claim page (with its ClaimReview JSON-LD)."""
import math
import re
import unicodedata

from flask import abort, g, render_template, request
from rdflib import Literal, URIRef

from kb.namespaces import BASE, CKB, CITO
from web.browse import blueprint, links
from web.browse.records import Record, latest_verdict, record, records, verdict
from web.i18n import in_language, pick

PAGE_SIZE = 20
FACETS = ("verdict", "claimant", "source", "event", "presentedAs", "language")
SORTS = ("reading", "date", "verdict", "false")
MAX_TERMS = 4
# Letters that the search matches with or without their accents, and the two apostrophes.
FOLDS = {"a": "aàâäáã", "e": "eéèêë", "i": "iîïí", "o": "oôöóõ", "u": "uùûüú", "c": "cç", "y": "yÿ",
         "n": "nñ", "'": "'’‘"}
CONTEXT = 320  # characters of the article shown on each side of the passage


# -- search ------------------------------------------------------------------------------------------

def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def search_patterns(query: str) -> list[str]:
    """The words of a search as accent-insensitive regular expressions (bound as literals, never formatted
    into SPARQL): "resume" matches "résumé", "l'acces" matches "l’accès"."""
    patterns = []
    for word in fold(query).split()[:MAX_TERMS]:
        pattern = "".join(f"[{re.escape(FOLDS[c])}]" if c in FOLDS else re.escape(c) for c in word)
        patterns.append(pattern)
    return patterns


# -- index -------------------------------------------------------------------------------------------

def filter_bindings(args) -> tuple[dict, dict]:
    """The query bindings for the filters a reader chose, and the chosen filters as shown."""
    bindings, chosen = {}, {}
    for facet in FACETS:
        value = args.get(facet, "").strip()
        if not value:
            continue
        chosen[facet] = value
        bindings[facet] = Literal(value) if facet == "language" else URIRef(value)
    for number, pattern in enumerate(search_patterns(args.get("q", "")), start=1):
        bindings[f"q{number}"] = Literal(pattern)
    return bindings, chosen


def sort_rows(rows: list[dict], how: str) -> list[dict]:
    def number(row, field, default):
        return int(row[field]) if field in row else default
    if how == "date":
        return sorted(rows, key=lambda r: (str(r.get("date", "")), str(r["claim"])), reverse=True)
    if how in ("verdict", "false"):
        sign = -1 if how == "verdict" else 1
        return sorted(rows, key=lambda r: (sign * number(r, "scale", 0) if "scale" in r else math.inf,
                                           str(r["claim"])))
    return sorted(rows, key=lambda r: (str(r.get("source0", "~")), number(r, "start", 0), str(r["claim"])))


def summary(claim) -> Record:
    found = record(g.kb.select("browse/claim-summary", claim=claim))
    found = found or Record(claim=[claim])
    found["current"] = latest_verdict(found)
    return found


def facet_values(bindings) -> dict:
    facets = {facet: [] for facet in FACETS}
    for row in g.kb.select("browse/claim-facets", **bindings):
        value = row["value"]
        facets[str(row["facet"])].append({"value": str(value), "count": int(row["count"]),
                                          "label": facet_label(str(row["facet"]), value)})
    return facets


def facet_label(facet: str, value) -> str:
    from web.browse.records import term_label
    if facet == "verdict":
        return verdict(value).label
    if facet == "presentedAs":
        return term_label(value)
    if facet == "language":
        return {"fr": "français", "en": "English"}.get(str(value), str(value))
    return str(pick([row["label"] for row in g.kb.select("browse/labels", s=value)]) or value)


@blueprint.get("/claims")
def claims_index():
    bindings, chosen = filter_bindings(request.args)
    how = request.args.get("sort", "reading")
    how = how if how in SORTS else "reading"
    rows = sort_rows(g.kb.select("browse/claims", **bindings), how)
    pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
    try:
        page = min(max(1, int(request.args.get("page", 1))), pages)
    except ValueError:
        page = 1
    shown = [summary(row["claim"]) for row in rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]]
    facets = facet_values(bindings)
    labels = {facet: next((v["label"] for v in facets[facet] if v["value"] == value), value)
              for facet, value in chosen.items()}
    return render_template("browse/claims.html", claims=shown, total=len(rows), page=page, pages=pages,
                           facets=facets, chosen=chosen, chosen_labels=labels, q=request.args.get("q", ""),
                           sort=how, sorts=SORTS)


# -- claim page --------------------------------------------------------------------------------------

def passage_in_context(anchor: Record) -> dict:
    """The passage with the rest of its paragraph around it (at most CONTEXT characters each side)."""
    text = str(anchor.one("sourceText") or "")
    start, end = int(anchor.one("start")), int(anchor.one("end"))
    paragraph_start = text.rfind("\n\n", 0, start)
    before_from = paragraph_start + 2 if paragraph_start >= 0 and paragraph_start > start - CONTEXT \
        else max(0, start - CONTEXT)
    paragraph_end = text.find("\n\n", end)
    after_to = paragraph_end if 0 <= paragraph_end < end + CONTEXT else min(len(text), end + CONTEXT)
    return {"before": text[before_from:start], "exact": text[start:end] or str(anchor.one("exact")),
            "after": text[end:after_to], "cut_before": before_from > 0 and before_from != paragraph_start + 2,
            "cut_after": after_to < len(text) and after_to != paragraph_end,
            "source": anchor.one("source"), "title": anchor.text("sourceTitle"), "url": anchor.one("sourceUrl"),
            "start": start, "end": end, "has_text": bool(text)}


def claim_view(claim: URIRef):
    about = g.kb.select("browse/claim", claim=claim)
    if not about:
        return None
    info = record(about)
    anchors = [passage_in_context(a) for a in records(g.kb.select("browse/claim-anchors", claim=claim), "anchor")]
    reviews = records(g.kb.select("browse/claim-reviews", claim=claim), "review")
    evidence = records(g.kb.select("browse/claim-evidence", claim=claim), "citation")
    by_review = {}
    for row in g.kb.select("browse/claim-evidence", claim=claim):
        by_review.setdefault(row["review"], [])
    for item in evidence:
        for review in item.all("review"):
            by_review.setdefault(review, []).append(item)
    for review in reviews:
        review["current"] = latest_verdict(review)
        review["evidence"] = by_review.get(review.one("review"), [])
    relations = []
    for rel in records(g.kb.select("browse/claim-relations", claim=claim), "other"):
        for direction in rel.all("direction"):
            for relation in rel.all("relation"):
                relations.append({"key": f"rel_{direction}_{relation}", "other": rel,
                                  "verdict": latest_verdict(rel, "otherVerdict")})
    history = records(g.kb.select("browse/claim-history", claim=claim), "version")
    current = reviews[0]["current"] if reviews else None
    misquoted = info.one("presentedAs") == CKB.DirectQuote and any(
        r["current"] is not None and r["current"].name == "Misquoted" for r in reviews)
    return render_template("browse/claim.html", claim=claim, info=info, anchors=anchors, reviews=reviews,
                           relations=sorted(relations, key=lambda r: r["key"]), history=history,
                           about=records(g.kb.select("browse/claim-about", claim=claim), "about"),
                           current=current, misquoted=misquoted,
                           jsonld=claim_review_jsonld(claim, info, anchors, reviews),
                           text_fr=in_language(info.all("text"), "fr"), text_en=in_language(info.all("text"), "en"))


def claim_review_jsonld(claim, info: Record, anchors: list, reviews: list) -> list[dict]:
    """Google's Fact Check markup: one schema.org ClaimReview per published review of the claim."""
    items = []
    appearance = info.one("appearance")
    claimant = info.one("claimant")
    item_reviewed = {"@type": "Claim", "@id": str(claim)}
    if claimant is not None:
        item_reviewed["author"] = {"@type": "Organization", "@id": str(claimant),
                                   "name": str(info.one("claimantName") or claimant)}
    date = info.one("firstDate") or info.one("appearanceDate")
    if date is not None:
        item_reviewed["datePublished"] = str(date)
    if appearance is not None:
        item_reviewed["appearance"] = {"@type": "CreativeWork", "@id": str(appearance),
                                       "url": str(info.one("appearanceUrl") or appearance)}
        if info.one("appearanceTitle"):
            item_reviewed["appearance"]["headline"] = str(pick(info.all("appearanceTitle")))
    if info.one("first") is not None:
        item_reviewed["firstAppearance"] = {"@type": "CreativeWork", "@id": str(info.one("first")),
                                            "url": str(info.one("firstUrl") or info.one("first"))}
    for review in reviews:
        rating = {"@type": "Rating", "alternateName": str(pick(review.all("ratingName"), "en")
                                                          or (review["current"].label if review["current"] else ""))}
        for field in ("ratingValue", "bestRating", "worstRating"):
            if review.one(field) is not None:
                rating[field] = int(review.one(field))
        author = {"@type": "Organization", "name": str(review.one("authorName") or review.one("author"))}
        if review.one("authorUrl") or review.one("author"):
            author["url"] = str(review.one("authorUrl") or review.one("author"))
        claim_reviewed = pick(review.all("claimReviewed")) or pick(info.all("text"))
        items.append({"@context": "https://schema.org", "@type": "ClaimReview",
                      "url": str(review.one("url") or review.one("review")),
                      "claimReviewed": str(claim_reviewed), "datePublished": str(review.one("date") or ""),
                      "author": author, "reviewRating": rating, "itemReviewed": item_reviewed})
    return items
