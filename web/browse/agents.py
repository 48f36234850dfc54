"""Agent and event pages, and the timeline of events with the claims about each."""
from flask import g, render_template

from web.browse import blueprint, results
from web.browse.records import latest_verdict, record, records


def agent_view(agent):
    info = record(g.kb.select("browse/agent", agent=agent))
    if info is None:
        return None
    claimed = records(g.kb.select("browse/agent-claims", agent=agent), "claim")
    for claim in claimed:
        claim["current"] = latest_verdict(claim)
    about = [c for c in records(g.kb.select("browse/claims-mentioning", resource=agent), "claim")]
    for claim in about:
        claim["current"] = latest_verdict(claim)
    works = records(g.kb.select("browse/agent-works", agent=agent), "thing")
    return render_template("browse/agent.html", agent=agent, info=info, claimed=claimed,
                           replies=[c for c in claimed if c.all("repliesTo")], about=about, works=works)


def event_view(event):
    rows = g.kb.select("browse/event", event=event)
    info = record(rows)
    if info is None:
        return None
    about = records(g.kb.select("browse/claims-mentioning", resource=event), "claim")
    for claim in about:
        claim["current"] = latest_verdict(claim)
    return render_template("browse/event.html", event=event, info=info, about=about,
                           subjects=records([r for r in rows if "about" in r], "about"),
                           citations=records([r for r in rows if "citation" in r], "citation"))


@blueprint.get("/timeline")
def timeline():
    """Events on a time axis (grouped by day), each with the claims about it."""
    rows = results.shared("browse/timeline")
    by_event: dict = {}
    for row in rows:
        if "claim" in row:
            by_event.setdefault(row["event"], []).append(row)
    days = []
    for event in records(rows, "event"):
        event["about"] = records(by_event.get(event.one("event"), []), "claim")
        for claim in event["about"]:
            claim["current"] = latest_verdict(claim)
        start = event.one("start")
        day = str(start)[:10] if start is not None else ""
        if not days or days[-1]["day"] != day:
            days.append({"day": day, "date": start, "events": []})
        days[-1]["events"].append(event)
    return render_template("browse/timeline.html", days=days)
