"""The history of a claim: every version of the claim and of its reviews, who made it, when, and the triples
each version added and removed; and the reviews as they stood at the end of a given day. Public: history
is data that readers and researchers may see (it is in the SPARQL dataset too), except the versions of
reviews that were not published (drafts, in review: ``kb.embargo``), which only fact-checkers see; for
readers, a published version's diff is taken from the previous published one, so no draft shows through."""
from datetime import date, datetime, time, timezone

from flask import g, render_template, request
from rdflib import Graph, URIRef

from kb.embargo import is_embargoed
from kb.namespaces import CKB, PREFIXES, SCHEMA
from kb.workspace import iri
from web.annotate import blueprint
from web.annotate.common import workspace
from web.auth import allowed

SHORT = sorted(((namespace, prefix) for prefix, namespace in PREFIXES.items()), key=lambda p: -len(p[0]))


def short(term) -> str:
    text = str(term)
    if isinstance(term, URIRef):
        for namespace, prefix in SHORT:
            if text.startswith(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return f"<{text}>"
    return term.n3()


def rows(graph: Graph) -> list[tuple[str, str, str]]:
    return sorted((short(s), short(p), short(o)) for s, p, o in graph)


def versions_with_diffs(resource: URIRef, public: bool = False) -> list[dict]:
    versions = workspace().versions(resource)
    if public:
        versions = [v for v in versions if not is_embargoed(g.kb.graph(v["unit"]))]
    by_unit = {v["unit"]: v for v in versions}
    out, previous = [], None
    for version in versions:
        older = version.get("revisionOf")
        older = older if older in by_unit else previous
        added, removed = workspace().diff(older, version["unit"])
        out.append({**version, "older": older, "added": rows(added), "removed": rows(removed)})
        previous = version["unit"]
    return out


def end_of(day: str) -> datetime | None:
    try:
        return datetime.combine(date.fromisoformat(day), time.max, tzinfo=timezone.utc)
    except ValueError:
        return None


def as_of(versions: list[dict], moment: datetime) -> dict | None:
    """The version current at ``moment``: made by then, not yet invalidated."""
    def when(term):
        value = term.toPython() if term is not None else None
        if isinstance(value, date) and not isinstance(value, datetime):
            value = datetime.combine(value, time.min, tzinfo=timezone.utc)
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value
    current = None
    for version in versions:
        made, gone = when(version.get("madeAt")), when(version.get("invalidatedAt"))
        if isinstance(made, datetime) and made <= moment and (gone is None or gone > moment):
            current = version
    return current


@blueprint.get("/claim/<slug>/history")
def claim_history(slug):
    claim = iri("claim", slug)
    claim_versions = versions_with_diffs(claim)
    public = not allowed("annotate")
    reviews = sorted({row["review"] for row in g.kb.select("annotate/claim-reviews-ever", claim=claim)})
    review_versions = {review: versions_with_diffs(review, public) for review in reviews}
    review_versions = {review: versions for review, versions in review_versions.items() if versions}
    day = request.args.get("as_of", "")
    moment = end_of(day) if day else None
    standing = []
    if moment is not None:
        for review, versions in review_versions.items():
            version = as_of(versions, moment)
            if version is not None:
                graph = g.kb.graph(version["unit"])
                standing.append({"review": review, "unit": version["unit"],
                                 "verdict": graph.value(URIRef(f"{review}#rating"), CKB.verdict),
                                 "status": graph.value(review, CKB.status),
                                 "author": graph.value(review, SCHEMA.author)})
    status = 404 if not claim_versions else 200
    return render_template("annotate/history.html", claim=claim, claim_versions=claim_versions,
                           review_versions=review_versions, as_of=day, moment=moment, standing=standing), status
