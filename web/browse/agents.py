"""Agent and event pages, and the timeline of events with the claims about each. The lists are capped
(``capped.py``): the first of them, the exact count, and a link to the claims index for the rest."""
from flask import g, render_template, url_for
from rdflib import Literal, URIRef

from web.browse import blueprint, capped, results
from web.browse.index import summaries
from web.browse.records import record, records
from web.i18n import pick


def claims_index(**facet) -> str:
    """The claims index filtered by one facet (web/browse/index.py): where a capped list's claims all are."""
    return url_for("browse.claims_index", **{name: str(value) for name, value in facet.items()})


def agent_view(agent):
    info = record(g.kb.select("browse/agent", agent=agent))
    if info is None:
        return None
    claimed = capped.claims("browse/agent-claims", "browse/agent-claims-count", "order_latest",
                            more=claims_index(claimant=agent), agent=agent)
    replies = capped.claims("browse/agent-claims", "browse/agent-claims-count", "order_latest",
                            agent=agent, replying=Literal("yes"))
    targets = results.select_each("browse/replies-to", "claim", [line.one("claim") for line in replies.lines])
    for line in claimed.lines + replies.lines:
        line.pop("claimantName", None)  # their own name, on their own page
    for line in replies.lines:
        # Each claim replied to, by its text in the reader's language: the slug of its IRI said little.
        texts: dict = {}
        for row in targets:
            if row["claim"] == line.one("claim"):
                texts.setdefault(row["repliesTo"], []).append(row.get("text"))
        line["repliesTo"] = [{"iri": target, "text": pick(found)} for target, found in texts.items()]
    # The claims index has no filter for what a claim is about but events: no link to the rest here.
    about = capped.claims("browse/mentioning-page", "browse/mentioning-count", "order_reviewed", resource=agent)
    works = capped.things("browse/agent-works-page", "browse/agent-works-count", "browse/agent-works",
                          "order_latest", agent=agent)
    return render_template("browse/agent.html", agent=agent, info=info, claimed=claimed, replies=replies,
                           about=about, works=works)


def event_view(event):
    rows = g.kb.select("browse/event", event=event)
    info = record(rows)
    if info is None:
        return None
    return render_template("browse/event.html", event=event, info=info, about=claims_about(event),
                           subjects=records([r for r in rows if "about" in r], "about"),
                           citations=records([r for r in rows if "citation" in r], "citation"))


def claims_about(event) -> capped.Listing:
    """The first claims about an event, most recently reviewed first (the same on its page and on the timeline,
    so that one warms the other): from the claims index in memory when there is one (its event filter takes
    what claims are about; an event is never a claim's appearance), else by SPARQL."""
    more = claims_index(event=event)
    found = results.indexed({"event": [str(event)]}, [], "date")
    if found is None:
        return capped.claims("browse/mentioning-page", "browse/mentioning-count", "order_reviewed", more=more,
                             resource=event)
    about = found[0]
    return capped.Listing(summaries([URIRef(claim) for claim in about[:capped.CAP]]), len(about), "claims",
                          "order_reviewed", more)


@blueprint.get("/timeline")
def timeline():
    """Events on a time axis (grouped by day), each with the first claims about it."""
    days = []
    for event in records(results.shared("browse/timeline"), "event"):
        event["about"] = claims_about(event.one("event"))
        start = event.one("start")
        day = str(start)[:10] if start is not None else ""
        if not days or days[-1]["day"] != day:
            days.append({"day": day, "date": start, "events": []})
        days[-1]["events"].append(event)
    return render_template("browse/timeline.html", days=days)
