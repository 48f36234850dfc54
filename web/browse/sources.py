"""The article page: the stored text with every anchored claim highlighted, and the claims in reading order."""
from flask import g, render_template

from web.browse.records import latest_verdict, record, records

# A highlight is cut into segments where claims start or end, so overlapping and nested passages both show.


def segments(text: str, claims: list) -> list[dict]:
    """The text as consecutive segments, each with the claims whose passage covers it (innermost first),
    and with the claims that start or end at its edges."""
    cuts = {0, len(text)}
    for claim in claims:
        cuts.update((claim["start"], claim["end"]))
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    out = []
    for left, right in zip(cuts, cuts[1:]):
        covering = sorted((c for c in claims if c["start"] <= left and right <= c["end"]),
                          key=lambda c: c["end"] - c["start"])
        out.append({"text": text[left:right], "claims": covering,
                    "starts": [c for c in claims if c["start"] == left],
                    "ends": [c for c in claims if c["end"] == right]})
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
    mentioning = records(g.kb.select("browse/claims-mentioning", resource=source), "claim")
    for claim in mentioning:
        claim["current"] = latest_verdict(claim)
    return render_template("browse/source.html", source=source, info=info, segments=segments(text, claims),
                           claims=claims, mentioning=mentioning, has_text=bool(text))
