"""The claim page (with its ClaimReview JSON-LD)."""
from flask import g, render_template
from rdflib import URIRef

from kb.namespaces import CKB
from web.browse.records import Record, latest_verdict, record, records
from web.i18n import in_language, pick

CONTEXT = 320  # characters of the article shown on each side of the passage


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
