"""Home (counts, latest reviews, verdict distribution) and the vocabulary page."""
from importlib.resources import files

from flask import g, render_template, request

from kb import sparql
from kb.namespaces import CKB, VOCABULARY_GRAPH
from web import conneg
from web.browse import blueprint, results
from web.browse.records import latest_verdict, records, verdict


@blueprint.get("/")
def home():
    counts = {k: int(v) for k, v in results.shared("browse/counts")[0].items()}
    latest = records(results.shared("browse/latest-reviews"), "review")
    for review in latest:
        review["current"] = latest_verdict(review)
    distribution = [{"verdict": verdict(row["verdict"]), "claims": int(row["claims"])}
                    for row in results.shared("browse/verdict-distribution")]
    most = max([d["claims"] for d in distribution] + [1])
    return render_template("browse/home.html", counts=counts, latest=latest, distribution=distribution, most=most)


def example_queries() -> list[dict]:
    """The competency queries shipped with the KB, each with its question (the file's first comment)."""
    folder = files("kb.queries").joinpath("competency")
    examples = []
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".rq"):
            text = sparql.text("competency/" + resource.name[:-3])
            first = text.splitlines()[0].lstrip("# ").strip() if text else resource.name
            examples.append({"name": resource.name, "question": first, "text": text})
    return examples


@blueprint.get("/vocab")
@blueprint.get("/vocab.<suffix>")
def vocab(suffix=None):
    if suffix is not None and suffix not in conneg.FORMATS:
        from web.browse.resources import not_found
        return not_found(request.path)
    name = conneg.negotiate(suffix)
    if name != "html":
        return conneg.negotiated(conneg.rdf_response(g.kb.graph(VOCABULARY_GRAPH), name), conneg.alternates("/vocab"))
    terms = records(results.shared("browse/vocabulary-labels"), "term")
    scale = [verdict(t.one("term")) for t in terms if t.one("scheme") == CKB.VerdictScheme]
    scale.sort(key=lambda v: (-(v.scale or -1), v.name))
    mappings = {}
    for row in g.kb.select("browse/verdict-mappings"):
        mappings.setdefault(row["verdict"], []).append(row)
    own = [t for t in terms if str(t.one("term")).startswith(str(CKB)) and t.one("scheme") is None]
    response = render_template("browse/vocab.html", terms=own, scale=scale, mappings=mappings,
                               examples=example_queries())
    return conneg.negotiated(_html(response), conneg.alternates("/vocab"))


def _html(body: str):
    from flask import make_response
    return make_response(body)
