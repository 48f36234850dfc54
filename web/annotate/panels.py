"""What the readers' claim and article pages show of the fact-checkers' work: notes on passages, a
disagreement between published reviews, and (for signed-in users) the links to annotate, review, edit.

The readers' templates include ``annotate/_panel.html`` with ``annotate_panel(kind, iri)``: one line each.
"""
from flask import g, render_template
from markupsafe import Markup

from web.browse.records import records, verdict


def notes_on(source, start=None, end=None) -> list:
    """The notes on a source, or on the passages that overlap ``start``-``end``."""
    notes = records(g.kb.select("annotate/notes-on", source=source), "note")
    if start is None:
        return notes
    return [n for n in notes if int(n.one("start")) < end and start < int(n.one("end"))]


def panel(kind: str, resource) -> Markup:
    if kind == "source":
        return Markup(render_template("annotate/_panel_source.html", source=resource, notes=notes_on(resource)))
    notes = []
    for anchor in g.kb.select("browse/claim-anchors", claim=resource):
        notes += notes_on(anchor["source"], int(anchor["start"]), int(anchor["end"]))
    published = records(g.kb.select("browse/claim-reviews", claim=resource), "review")
    verdicts = {}
    for review in published:
        if review.one("verdict") is not None:
            verdicts.setdefault(review.one("verdict"), []).append(review)
    disagreement = [{"verdict": verdict(v), "reviews": reviews} for v, reviews in verdicts.items()] \
        if len(verdicts) > 1 else []
    return Markup(render_template("annotate/_panel_claim.html", claim=resource, notes=notes,
                                  disagreement=disagreement))
