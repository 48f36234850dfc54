"""Dereferencing: every IRI under https://w3id.org/claimkb/ at its path (``/claim/<slug>``...), any IRI at
``/resource?iri=``, in HTML or RDF (web/conneg.py), and a helpful 404 for an IRI the KB does not know.

HTML: a claim, source, agent or event has its own page; a review or an anchor answers 303 See Other to its
claim's page (where it is shown); a thing, a unit of work (``graph/...``) or any other IRI gets a generic
page (its statements, what points to it, and for a unit of work its provenance). RDF: the description of
the resource (browse/describe.rq), or for a unit of work the triples of its named graph.
"""
import difflib
from urllib.parse import urlencode

from flask import g, make_response, redirect, render_template, request
from rdflib import Graph, Literal, URIRef

from kb.namespaces import BASE, SCHEMA
from web import conneg
from web.browse import blueprint, links
from web.browse.agents import agent_view, event_view
from web.browse.claims import claim_view
from web.browse.records import records
from web.browse.sources import article_view

KIND_PATTERN = "any(claim,agent,source,event,thing,review,anchor,graph)"


def known(iri) -> bool:
    return bool(g.kb.select("browse/known", s=iri))


def describe(iri) -> Graph:
    if str(iri).startswith(str(BASE) + "graph/"):
        return g.kb.graph(iri)
    graph = Graph()
    for row in g.kb.select("browse/describe", s=iri):
        graph.add((row["subject"], row["predicate"], row["object"]))
    return graph


@blueprint.get(f"/<{KIND_PATTERN}:kind>/<path:rest>")
def resource(kind, rest):
    rest, suffix = conneg.split_suffix(rest)
    iri = BASE[f"{kind}/{rest}"]
    return serve(iri, suffix, f"/{kind}/{rest}")


@blueprint.get("/.well-known/genid/<path:rest>")
def genid(rest):
    rest, suffix = conneg.split_suffix(rest)
    return serve(BASE[f".well-known/genid/{rest}"], suffix, f"/.well-known/genid/{rest}")


@blueprint.get("/resource")
def resource_by_iri():
    text = request.args.get("iri", "").strip()
    if not text or any(c in text for c in ' <>"{}|\\^`') or ":" not in text:
        return render_template("browse/error.html", status=400, iri=text), 400
    if links.path_of(text) is not None:  # our own IRIs live at their path: one address for each resource
        target, _, fragment = links.href(text).partition("#")
        if request.args.get("_format"):
            target += "?" + urlencode({"_format": request.args["_format"]})
        return redirect(target + ("#" + fragment if fragment else ""), code=303)
    iri = URIRef(text)
    name = conneg.negotiate()
    link = conneg.alternates_by_parameter("/resource", {"iri": text})
    if not known(iri):
        return not_found(text, name)
    if name != "html":
        return conneg.negotiated(conneg.rdf_response(describe(iri), name), link)
    return conneg.negotiated(make_response(generic_view(iri)), link)


def serve(iri, suffix, path):
    name = conneg.negotiate(suffix)
    if not known(iri):
        return not_found(str(iri), name)
    link = conneg.alternates(path)
    if name != "html":
        return conneg.negotiated(conneg.rdf_response(describe(iri), name), link)
    kind = path.split("/")[1]
    if kind in ("review", "anchor"):
        claim = owning_claim(iri, kind)
        if claim is not None:
            fragment = "#review-" + path.rsplit("/", 1)[-1] if kind == "review" else "#passage"
            return conneg.negotiated(redirect(links.href(claim) + fragment, code=303), link)
    views = {"claim": claim_view, "source": article_view, "agent": agent_view, "event": event_view}
    body = views[kind](iri) if kind in views else None
    if body is None:
        body = generic_view(iri)
    return conneg.negotiated(make_response(body), link)


def owning_claim(iri, kind):
    graph = describe(iri)
    if kind == "review":
        return graph.value(iri, SCHEMA.itemReviewed)
    from kb.namespaces import OA
    return graph.value(iri, OA.hasBody)


def generic_view(iri):
    outgoing = g.kb.select("browse/outgoing", s=iri)
    incoming = g.kb.select("browse/incoming", s=iri)
    statements = records(outgoing, "o")
    provenance = None
    unit = None
    if str(iri).startswith(str(BASE) + "graph/"):
        unit = sorted(g.kb.graph(iri), key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
        provenance = records(g.kb.select("browse/unit-provenance", unit=iri), "unit")
    title = None
    for row in outgoing:
        if str(row["p"]) in (str(SCHEMA.name), str(SCHEMA.headline), "http://www.w3.org/2004/02/skos/core#prefLabel",
                             "http://www.w3.org/2000/01/rdf-schema#label"):
            title = title or row["o"]
    return render_template("browse/resource.html", iri=iri, title=title, outgoing=outgoing,
                           incoming=records(incoming, "x"), statements=statements, unit=unit,
                           provenance=provenance[0] if provenance else None, compact=_compact)


def _compact(term):
    from kb.output import compact
    return compact(term)


def not_found(iri: str, name: str = "html"):
    """A 404 that helps: the IRI, the nearest known IRIs of the same kind, a search box."""
    if name != "html":
        return make_response(f"claimkb knows nothing about <{iri}>.\n", 404, {"Content-Type": "text/plain; charset=utf-8"})
    suggestions = []
    if iri.startswith(str(BASE)):
        local = iri[len(str(BASE)):]
        kind = local.split("/", 1)[0]
        prefix = str(BASE) + kind + "/"
        candidates = [str(r["s"]) for r in g.kb.select("browse/iris-under", prefix=Literal(prefix))]
        suggestions = difflib.get_close_matches(iri, candidates, n=5, cutoff=0.6)
    words = iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
    return render_template("browse/error.html", status=404, iri=iri, suggestions=suggestions, words=words), 404
