"""The article page: the stored text with every anchored claim and every highlight marked, and the claims in
reading order."""
from flask import g, render_template

from web.browse import capped
from web.browse.records import latest_verdict, record, records

# The text is cut into segments where claims or highlights start or end, so overlapping and nested passages
# all show: a segment is a link to the innermost claim that covers it, marked as highlighted if any highlight
# covers it.


def segments(text: str, claims: list, highlights: list | None = None) -> list[dict]:
    """The text as consecutive segments, each with the claims whose passage covers it (innermost first),
    whether a highlight covers it, and the claims and highlights that start or end at its edges."""
    highlights = highlights or []
    cuts = {0, len(text)}
    for passage in claims + highlights:
        cuts.update((passage["start"], passage["end"]))
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    out = []
    for left, right in zip(cuts, cuts[1:]):
        covering = sorted((c for c in claims if c["start"] <= left and right <= c["end"]),
                          key=lambda c: c["end"] - c["start"])
        out.append({"text": text[left:right], "claims": covering,
                    "starts": [c for c in claims if c["start"] == left],
                    "ends": [c for c in claims if c["end"] == right],
                    "highlighted": any(h["start"] <= left and right <= h["end"] for h in highlights),
                    "highlight_starts": [h for h in highlights if h["start"] == left],
                    "highlight_ends": [h for h in highlights if h["end"] == right]})
    return out


def article_view(source):
    info = record(g.kb.select("browse/source", source=source))
    if info is None:
        return None
    text = str(info.one("text") or "")
    claims = []
    for number, claim in enumerate(records(g.kb.select("browse/source-anchors", source=source), "claim"), start=1):
        claims.append({"number": number, "claim": claim.one("claim"), "start": int(claim.one("start")),
                       "end": int(claim.one("end")), "record": claim, "verdict": latest_verdict(claim),
                       "id": "c-" + str(claim.one("claim")).rsplit("/", 1)[-1]})
    highlights = [{"start": int(row["start"]), "end": int(row["end"])}
                  for row in g.kb.select("browse/source-highlights", source=source)] if text else []
    # Only a source without a stored text lists its claims apart (the others show them in the text).
    mentioning = None if text else capped.claims("browse/mentioning-page", "browse/mentioning-count",
                                                 "order_reviewed", resource=source)
    return render_template("browse/source.html", source=source, info=info,
                           segments=segments(text, claims, highlights), claims=claims, mentioning=mentioning,
                           has_text=bool(text), highlighted=bool(highlights))
