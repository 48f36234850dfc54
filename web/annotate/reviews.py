"""Reviews: write one (draft, in review, or published by a reviewer), edit it, move it along the workflow.

Each change is a new version of the review's unit (``prov:wasRevisionOf``). A second fact-checker who
disagrees writes a review of their own: both stay, and the claim page shows that they disagree.
"""
from flask import abort, g, render_template, request, url_for
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kb.namespaces import CKB, SCHEMA
from kb.workspace import STATUSES, Draft, slug_of, today
from web.annotate import blueprint, forms
from web.annotate.common import changed_meanwhile, done, existing, form_error, save, verdicts, workspace
from web.annotate.forms import FormErrors
from web.auth import allowed, check, require
from web.browse.links import href

EVIDENCE_ROWS = 3


def statuses() -> list[str]:
    """The statuses the user may give a review."""
    return list(STATUSES) if allowed("review") else ["Draft", "InReview"]


def may_change(graph: Graph, review: URIRef):
    """Annotators change their own unpublished reviews; reviewers and editors any review."""
    if allowed("review"):
        return
    own = graph.value(review, SCHEMA.author) == g.user.agent
    published = graph.value(review, CKB.status) == CKB.Published
    if not own or published:
        check("review")


def evidence_rows(values: dict) -> list[tuple[str, str]]:
    rows = []
    for number in range(1, EVIDENCE_ROWS + 1 + len(values.get("extra_evidence", []))):
        rows.append((values.get(f"evidence_url_{number}", ""), values.get(f"evidence_title_{number}", "")))
    return rows


def review_draft(values: dict, claim: URIRef, errors: FormErrors, slug=None, unit=None, author=None) -> Draft:
    choices = verdicts()
    verdict = forms.choice(values.get("verdict"), [v["iri"] for v in choices], errors, "verdict")
    chosen = next((v for v in choices if v["iri"] == str(verdict)), None)
    evidence = []
    for url, title in evidence_rows(values):
        checked = forms.url(url, errors, "evidence")
        if checked or title.strip():
            evidence.append((checked, title.strip()))
    status = values.get("status") if values.get("status") in statuses() else "Draft"
    return workspace().review(
        claim=claim, verdict=verdict, bodies={"fr": values.get("body_fr", ""), "en": values.get("body_en", "")},
        evidence=evidence, author=author or g.user.agent, status=status,
        date_published=forms.day(values.get("date_published", ""), errors, "date_published"),
        labels=chosen["labels"] if chosen else [], scale=chosen["scale"] if chosen else None,
        title_language=g.lang, slug=slug, unit=unit)


def context(claim: URIRef, **extra) -> dict:
    return {"claim": claim, "verdicts": verdicts(), "statuses": statuses(), "evidence_count": EVIDENCE_ROWS,
            **extra}


@blueprint.route("/claim/<slug>/review", methods=["GET", "POST"])
@require("annotate")
def new_review(slug):
    claim, _unit, _graph = existing("claim", slug)
    if request.method == "GET":
        return render_template("annotate/review_form.html", values={"date_published": today(), "status": "Draft"},
                               errors=FormErrors(), mode="new", **context(claim))
    values = request.form.to_dict()
    errors = FormErrors()
    draft = review_draft(values, claim, errors)
    if errors:
        return form_error("annotate/review_form.html", values, errors, mode="new", **context(claim))
    refused = save(draft, "review", "annotate/review_form.html", values, mode="new", **context(claim))
    return refused or done(url_for("annotate.claim", slug=slug))


def review_values(graph: Graph, review: URIRef) -> dict:
    values = {"verdict": str(graph.value(URIRef(f"{review}#rating"), CKB.verdict) or ""),
              "status": str(graph.value(review, CKB.status) or "").removeprefix(str(CKB)),
              "date_published": str(graph.value(review, SCHEMA.datePublished) or "")}
    for body in graph.objects(review, SCHEMA.reviewBody):
        values[f"body_{body.language}"] = str(body)
    for number, cited in enumerate(sorted(graph.objects(review, SCHEMA.citation)), start=1):
        url = graph.value(cited, SCHEMA.url)
        title = graph.value(cited, SCHEMA.headline)
        if url is None:  # a document of the KB, described in its own unit
            rows = g.kb.select("browse/source", source=cited)
            url = next((r["url"] for r in rows if r.get("url") is not None), cited)
            title = title or next((r["title"] for r in rows if r.get("title") is not None), None)
        values[f"evidence_url_{number}"] = str(url)
        values[f"evidence_title_{number}"] = str(title or "")
    return values


@blueprint.route("/review/<slug>/edit", methods=["GET", "POST"])
@require("annotate")
def edit_review(slug):
    review, unit, graph = existing("review", slug)
    may_change(graph, review)
    claim = graph.value(review, SCHEMA.itemReviewed)
    current = review_values(graph, review)
    count = max(EVIDENCE_ROWS, sum(1 for k in current if k.startswith("evidence_url_")))
    # The version the form was filled in on: a POST based on an older one would overwrite a change.
    extra = {"evidence_count": count, "review": review, "version": str(unit)}
    if request.method == "GET":
        return render_template("annotate/review_form.html", values=current, errors=FormErrors(), mode="edit",
                               **context(claim, **extra))
    values = request.form.to_dict()
    if values.get("version", str(unit)) != str(unit):
        return changed_meanwhile("annotate/review_form.html", current, mode="edit", **context(claim, **extra))
    values["extra_evidence"] = [None] * (count - EVIDENCE_ROWS)
    errors = FormErrors()
    draft = review_draft(values, claim, errors, slug=slug, unit=workspace().next_unit(review, "review"),
                         author=graph.value(review, SCHEMA.author))
    if errors:
        return form_error("annotate/review_form.html", values, errors, mode="edit", **context(claim, **extra))
    refused = save(draft, "review", "annotate/review_form.html", values, revision_of=unit, mode="edit",
                   **context(claim, **extra))
    return refused or done(url_for("annotate.claim", slug=slug_of(claim)))


@blueprint.post("/review/<slug>/status")
@require("annotate")
def review_status(slug):
    """Move a review along the workflow: a new version with the new status (published: dated today)."""
    review, unit, graph = existing("review", slug)
    status = request.form.get("status")
    if status not in STATUSES:
        abort(400, "Unknown status.")
    may_change(graph, review)
    if status == "Published":
        check("review")
    new = Graph()
    for triple in graph:
        new.add(triple)
    new.set((review, CKB.status, CKB[status]))
    if status == "Published":
        new.set((review, SCHEMA.datePublished, Literal(today(), datatype=XSD.date)))
    draft = Draft(workspace().next_unit(review, "review"), new, review)
    claim = graph.value(review, SCHEMA.itemReviewed)
    refused = save(draft, "review", "annotate/review_form.html", review_values(new, review), revision_of=unit,
                   mode="edit", **context(claim, review=review))
    return refused or done(url_for("annotate.claim", slug=slug_of(claim)) if status != "Published" else href(claim))
