"""Readers' pages: home, claims index, claim, article, agent, event, timeline, vocabulary, and every
resource of the KB at its own path (``/claim/<slug>``...) or at ``/resource?iri=``, in HTML or as RDF.

Every page is read from ``kb/queries/browse/*.rq`` with bound values. The modules: ``links`` (IRI -> path),
``records`` (rows -> records, verdicts), ``results`` (pages of results; shared results kept until the next
write), ``index`` (claims index: facets, search, sort, pages), ``claims`` (claim page, ClaimReview JSON-LD),
``sources`` (article page), ``graphs`` (relation graphs as SVG), ``agents`` (agent, event, timeline),
``capped`` (lists that grow with the KB: the first of them, the count, the rest in the index),
``pages`` (home, vocabulary), ``resources`` (dereferencing, generic pages, not found), ``messages`` (the
readers' messages added since ``web/i18n.py``).
"""
from flask import Blueprint, g, request

from web import i18n

blueprint = Blueprint("browse", __name__)


@blueprint.before_app_request
def reader_language():
    g.lang = i18n.choose_language()


@blueprint.after_app_request
def remember_language(response):
    asked = request.args.get("lang")
    if asked in i18n.LANGUAGES:
        response.set_cookie(i18n.COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax")
    if response.mimetype == "text/html":
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    return response


@blueprint.app_context_processor
def template_helpers():
    from web.browse import links, messages, records
    return {"_": messages.translate, "pick": i18n.pick, "in_language": i18n.in_language,
            "format_date": i18n.format_date, "href": links.href, "verdict": records.verdict,
            "term_label": records.term_label, "switch_language": links.switch_language,
            "with_args": links.with_args,
            "relations_href": links.relations_href}


from web.browse import agents, claims, graphs, index, pages, resources, sources  # noqa: E402,F401  (routes)
