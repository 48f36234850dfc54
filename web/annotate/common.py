"""What the annotate views share: the workspace, the choices forms offer, and how a write is answered."""
from flask import abort, flash, g, redirect, render_template
from rdflib import URIRef

from kb.knowledgebase import WriteConflict, WriteRefused
from kb.workspace import Workspace, iri
from web.annotate.forms import FormErrors, place
from web.browse.records import records
from web.i18n import pick


def workspace() -> Workspace:
    if "workspace" not in g:
        g.workspace = Workspace(g.kb)
    return g.workspace


# IRIs as plain strings: an rdflib URIRef never equals a str, which the templates compare them with.

def agents() -> list[dict]:
    return [{"iri": str(r.one("agent")), "name": str(pick(r.all("name")))}
            for r in records(g.kb.select("annotate/agents"), "agent")]


def sources(with_text_only: bool = False) -> list[dict]:
    found = []
    for r in records(g.kb.select("annotate/sources"), "source"):
        has_text = any(v.toPython() is True for v in r.all("hasText"))
        if has_text or not with_text_only:
            found.append({"iri": str(r.one("source")), "title": str(pick(r.all("title"))), "has_text": has_text})
    return found


def about_choices() -> list[dict]:
    return [{"iri": str(r.one("resource")), "name": str(pick(r.all("name")))}
            for r in records(g.kb.select("annotate/about-choices"), "resource")]


def claim_choices() -> list[dict]:
    return [{"iri": str(r.one("claim")), "text": str(pick(r.all("text"))), "claimant": r.one("claimantName")}
            for r in records(g.kb.select("annotate/claim-choices"), "claim")]


def verdicts() -> list[dict]:
    return [{"iri": str(r.one("verdict")), "label": str(pick(r.all("label"))), "labels": r.all("label"),
             "scale": r.number("scale")}
            for r in records(g.kb.select("annotate/verdicts"), "verdict")]


def existing(kind: str, slug: str) -> tuple[URIRef, URIRef, object]:
    """A resource of the current view, its current unit and that unit's triples; 404 if there is none."""
    resource = iri(kind, slug)
    unit = workspace().current_unit(resource)
    if unit is None:
        abort(404, f"There is no current {kind} {slug}.")
    return resource, unit, g.kb.graph(unit)


def save(draft, form: str, template: str, values: dict, revision_of=None, agent_field=None,
         **context):
    """Commit a draft; on refusal, the form again with 422, its input and the messages by field."""
    workspace().with_user_agent(draft, g.user)
    try:
        workspace().commit(draft, g.user.agent, revision_of)
    except WriteRefused as refused:
        errors = place(refused.violations, form, draft, agent_field)
        return render_template(template, values=values, errors=errors, **context), 422
    except WriteConflict:
        return changed_meanwhile(template, values, **context)
    return None


def changed_meanwhile(template: str, values: dict, **context):
    """409: the form was filled in on a version that someone else has replaced since; theirs stays."""
    from web.annotate.messages import t
    errors = FormErrors()
    errors.add(None, t("changed_meanwhile"))
    return render_template(template, values=values, errors=errors, **context), 409


def form_error(template: str, values: dict, errors: FormErrors, **context):
    return render_template(template, values=values, errors=errors, **context), 422


def done(target: str, message: str = "saved"):
    from web.annotate.messages import t
    flash(t(message))
    return redirect(target, 303)
