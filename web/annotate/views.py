"""Sources, claims (anchored in a passage), links between claims, notes, and retraction."""
from flask import abort, g, render_template, request, url_for
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from kb.anchor import PassageNotFound
from kb.namespaces import CKB, OA, SCHEMA
from kb.workspace import (NOTE_MOTIVATIONS, PRESENTATIONS, RELATIONS, SOURCE_TYPES, iri, slug_of)
from web.annotate import blueprint, forms
from web.annotate.common import (about_choices, agents, changed_meanwhile, claim_choices, done, existing,
                                 form_error, save, sources, workspace)
from web.annotate.forms import FormErrors
from web.auth import check, require, safe_next
from web.browse.links import href
from web.browse.records import records


@blueprint.get("/")
@require("annotate")
def dashboard():
    queue = records(g.kb.select("annotate/reviews-in-progress"), "review")
    return render_template("annotate/dashboard.html", sources=sources(with_text_only=True), queue=queue)


# -- sources -----------------------------------------------------------------------------------------------

@blueprint.route("/sources/new", methods=["GET", "POST"])
@require("annotate")
def new_source():
    context = {"agents": agents(), "types": SOURCE_TYPES}
    values = request.form.to_dict() if request.method == "POST" else {"kind": "NewsArticle", "language": "fr"}
    if request.method == "GET":
        return render_template("annotate/source_form.html", values=values, errors=FormErrors(), **context)
    errors = FormErrors()
    text = values.get("text", "")
    if values.get("is_html"):
        text = forms.html_to_text(text)
    kind = values.get("kind") if values.get("kind") in SOURCE_TYPES else "NewsArticle"
    draft_args = dict(
        headline=values.get("headline", "").strip(), text=text.strip("\n"), kind=kind,
        language=forms.language(values.get("language", ""), errors, "language"),
        url=forms.url(values.get("url", ""), errors, "url"),
        publisher=forms.choice(values.get("publisher"), [a["iri"] for a in context["agents"]], errors, "publisher"),
        date_published=forms.day(values.get("date_published", ""), errors, "date_published"),
        new_publisher=values.get("new_publisher", "").strip())
    if errors:
        return form_error("annotate/source_form.html", values, errors, **context)
    draft = workspace().source(**draft_args)
    refused = save(draft, "source", "annotate/source_form.html", values, agent_field="new_publisher", **context)
    return refused or done(url_for("annotate.source", slug=slug_of(draft.resource)))


@blueprint.get("/source/<slug>")
@require("annotate")
def source(slug):
    resource = iri("source", slug)
    found = workspace().source_text(resource)
    if found is None:
        abort(404, "There is no source with a stored text here.")
    anchors = records(g.kb.select("browse/source-anchors", source=resource), "claim")
    notes = records(g.kb.select("annotate/notes-on", source=resource), "note")
    return render_template("annotate/source.html", source=resource, info=found, source_text=str(found["text"]),
                           anchors=anchors, notes=notes, motivations=NOTE_MOTIVATIONS[:3],
                           values=request.args, errors=FormErrors())


# -- claims ------------------------------------------------------------------------------------------------

def claim_context(source_iri):
    return {"agents": agents(), "about_choices": about_choices(), "sources": sources(),
            "presentations": PRESENTATIONS, "source": source_iri}


def passage(values: dict, source_iri: URIRef, errors: FormErrors):
    """The selectors of the passage the form names (by offsets, or by its text and occurrence)."""
    start, end = forms.number(values.get("start")), forms.number(values.get("end"))
    try:
        if start is not None and end is not None:
            return workspace().selectors(source_iri, start, end)
        if values.get("passage", "").strip():
            return workspace().selectors(source_iri, None, None, values["passage"],
                                         forms.number(values.get("occurrence")))
    except PassageNotFound:
        pass
    errors.add("passage", forms.t("passage_not_found") if values.get("passage") else forms.t("invalid_position"))
    return None


def claim_fields(values: dict, context: dict, errors: FormErrors) -> dict:
    about_allowed = [a["iri"] for a in context["about_choices"]]
    about = [forms.choice(v, about_allowed, errors, "about") for v in request.form.getlist("about")]
    presented = values.get("presented_as", "")
    return dict(
        claimant=forms.choice(values.get("claimant"), [a["iri"] for a in context["agents"]], errors, "claimant"),
        new_claimant=values.get("new_claimant", "").strip(),
        new_claimant_type="Person" if values.get("new_claimant_type") == "Person" else "Organization",
        presented_as=presented if presented in PRESENTATIONS else "",
        text=values.get("text", "").strip(), text_en=values.get("text_en", "").strip(),
        about=[a for a in about if a is not None],
        first_appearance=forms.choice(values.get("first_appearance"), [s["iri"] for s in context["sources"]],
                                      errors, "first_appearance"))


@blueprint.route("/claims/new", methods=["GET", "POST"])
@require("annotate")
def new_claim():
    values = request.form.to_dict() if request.method == "POST" else request.args.to_dict()
    source_iri = URIRef(values.get("source", ""))
    if workspace().source_text(source_iri) is None:
        abort(400, "Choose a source with a stored text first.")
    context = claim_context(source_iri)
    errors = FormErrors()
    selectors = passage(values, source_iri, errors)
    if selectors is not None:
        values.update(start=str(selectors.start), end=str(selectors.end))
        values.setdefault("text", selectors.exact)
        if request.method == "GET":
            publisher = workspace().source_text(source_iri).get("publisher")
            values.setdefault("claimant", str(publisher or ""))
    context["selectors"] = selectors
    if request.method == "GET":
        return render_template("annotate/claim_form.html", values=values, errors=errors, mode="new",
                               **context), 200 if selectors else 400
    if errors:
        return form_error("annotate/claim_form.html", values, errors, mode="new", **context)
    fields = claim_fields(values, context, errors)
    if errors:
        return form_error("annotate/claim_form.html", values, errors, mode="new", **context)
    draft = workspace().claim(source=source_iri, selectors=selectors, **fields)
    refused = save(draft, "claim", "annotate/claim_form.html", values, agent_field="new_claimant", mode="new",
                   **context)
    return refused or done(href(draft.resource))


def claim_values(graph: Graph, claim: URIRef) -> dict:
    """The form values of a claim's current unit."""
    texts = list(graph.objects(claim, SCHEMA.text))
    values = {"text": next((str(t) for t in texts if t.language != "en"), ""),
              "text_en": next((str(t) for t in texts if t.language == "en"), ""),
              "claimant": str(graph.value(claim, SCHEMA.author) or ""),
              "presented_as": str(graph.value(claim, CKB.presentedAs) or "").removeprefix(str(CKB)),
              "first_appearance": str(graph.value(claim, SCHEMA.firstAppearance) or ""),
              "about": [str(a) for a in graph.objects(claim, SCHEMA.about)],
              "source": str(graph.value(claim, SCHEMA.appearance) or "")}
    anchor = iri("anchor", slug_of(claim))
    position = URIRef(f"{anchor}#position")
    if (position, OA.start, None) in graph:
        values.update(start=str(graph.value(position, OA.start)), end=str(graph.value(position, OA.end)),
                      source=str(graph.value(URIRef(f"{anchor}#target"), OA.hasSource)))
    return values


@blueprint.get("/claim/<slug>")
@require("annotate")
def claim(slug):
    resource, unit, graph = existing("claim", slug)
    reviews = records(g.kb.select("annotate/claim-reviews", claim=resource), "review")
    return render_template("annotate/claim.html", claim=resource, unit=unit, values=claim_values(graph, resource),
                           reviews=reviews, claims=[c for c in claim_choices() if c["iri"] != str(resource)],
                           relations=RELATIONS, errors=FormErrors())


@blueprint.route("/claim/<slug>/edit", methods=["GET", "POST"])
@require("annotate")
def edit_claim(slug):
    resource, unit, graph = existing("claim", slug)
    current = claim_values(graph, resource)
    source_iri = URIRef(current["source"])
    context = claim_context(source_iri)
    errors = FormErrors()
    selectors = passage(current, source_iri, errors)
    # The version the form was filled in on: a POST based on an older one would overwrite a change.
    context.update(selectors=selectors, version=str(unit))
    if request.method == "GET":
        return render_template("annotate/claim_form.html", values=current, errors=errors, mode="edit",
                               claim=resource, **context)
    if request.form.get("version", str(unit)) != str(unit):
        return changed_meanwhile("annotate/claim_form.html", current, mode="edit", claim=resource, **context)
    values = {**request.form.to_dict(), "about": request.form.getlist("about"),
              "start": current.get("start"), "end": current.get("end"), "source": current["source"]}
    fields = claim_fields(values, context, errors)
    if errors or selectors is None:
        return form_error("annotate/claim_form.html", values, errors, mode="edit", claim=resource, **context)
    relations = {name: list(graph.objects(resource, prop)) for name, prop in RELATIONS.items()}
    draft = workspace().claim(source=source_iri, selectors=selectors, relations=relations, slug=slug,
                              unit=workspace().next_unit(resource, "claim"), **fields)
    refused = save(draft, "claim", "annotate/claim_form.html", values, revision_of=unit,
                   agent_field="new_claimant", mode="edit", claim=resource, **context)
    return refused or done(href(resource))


@blueprint.post("/claim/<slug>/link")
@require("annotate")
def link_claim(slug):
    """A relation to another claim: a new version of this claim's unit with one more triple."""
    resource, unit, graph = existing("claim", slug)
    values = request.form.to_dict()
    errors = FormErrors()
    relation = values.get("relation")
    others = [c["iri"] for c in claim_choices()]
    other = forms.choice(values.get("other"), others, errors, "other")
    if relation not in RELATIONS:
        errors.add("relation", forms.t("unknown_choice"))
    context = {"claim": resource, "unit": unit, "relations": RELATIONS, "values": claim_values(graph, resource),
               "reviews": records(g.kb.select("annotate/claim-reviews", claim=resource), "review"),
               "claims": [c for c in claim_choices() if c["iri"] != str(resource)]}
    if errors or other is None:
        if other is None and "other" not in errors:
            errors.add("other", forms.t("unknown_choice"))
        return render_template("annotate/claim.html", link=values, errors=errors, **context), 422
    new = Graph()
    for triple in graph:
        new.add(triple)
    new.add((resource, RELATIONS[relation], other))
    from kb.workspace import Draft
    draft = Draft(workspace().next_unit(resource, "claim"), new, resource)
    workspace().with_user_agent(draft, g.user)
    from kb.knowledgebase import WriteRefused
    try:
        workspace().commit(draft, g.user.agent, unit)
    except WriteRefused as refused:
        errors = forms.place(refused.violations, "claim", draft)
        return render_template("annotate/claim.html", link=values, errors=errors, **context), 422
    return done(href(resource))


# -- notes -------------------------------------------------------------------------------------------------

@blueprint.post("/notes/new")
@require("annotate")
def new_note():
    values = request.form.to_dict()
    source_iri = URIRef(values.get("source", ""))
    found = workspace().source_text(source_iri)
    if found is None:
        abort(400, "Choose a source with a stored text first.")
    errors = FormErrors()
    selectors = passage(values, source_iri, errors)
    motivation = values.get("motivation") if values.get("motivation") in NOTE_MOTIVATIONS else "commenting"
    context = {"source": source_iri, "info": found, "source_text": str(found["text"]),
               "anchors": records(g.kb.select("browse/source-anchors", source=source_iri), "claim"),
               "notes": records(g.kb.select("annotate/notes-on", source=source_iri), "note"),
               "motivations": NOTE_MOTIVATIONS[:3]}
    if errors:
        return form_error("annotate/source.html", values, errors, **context)
    draft = workspace().note(source=source_iri, selectors=selectors, motivation=motivation,
                             value=values.get("note_text", "").strip(), language=g.lang, creator=g.user.agent)
    refused = save(draft, "note", "annotate/source.html", values, **context)
    return refused or done(url_for("annotate.source", slug=slug_of(source_iri)))


# -- retraction --------------------------------------------------------------------------------------------

@blueprint.post("/retract")
def retract():
    """Hide a resource's current unit from the current view (it stays in the history)."""
    resource = URIRef(request.form.get("iri", ""))
    unit = workspace().current_unit(resource)
    if unit is None:
        abort(404, "Nothing current to retract.")
    own_note = (resource, DCTERMS.creator, g.user.agent if g.get("user") else None) in g.kb.graph(unit) \
        and (resource, RDF.type, OA.Annotation) in g.kb.graph(unit)
    check("annotate" if own_note else "retract")
    g.kb.retract(unit, g.user.agent)
    return done(safe_next(request.form.get("next"), "/"), "retracted")
