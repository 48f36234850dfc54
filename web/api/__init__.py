"""The W3C Web Annotation Protocol: the annotations of the KB as an LDP basic container at ``/annotations/``.

- ``GET /annotations/``: the container (an ``AnnotationCollection``), its pages ``?page=N`` (0-based)
  embedding the annotations; ``POST`` one annotation (JSON-LD, the anno context's compact form): 201
  with ``Location`` and ``ETag``.
- ``GET /annotations/<kind>/<slug>``; ``PUT`` with ``If-Match`` (412 when stale, 428 without it): a
  new version that revises the old one; ``DELETE``: a retraction (204), the annotation stays in history.

Members are the claims' anchors (``anchor``, read-only here: they belong to their claim's unit) and the
annotations made through this API or the forms: notes (commenting, questioning, highlighting... with a
``TextualBody``; ``note``) and extra anchors of existing claims (motivation ``identifying`` with the claim
as body; ``anchor``). Readers read; writing needs an API token (``claimkb token create``) or a session
with its CSRF header. Errors are RFC 9457 problem details; a write the shapes refuse is a 422 whose
``violations`` carry each shape message in English and French.
"""
import hashlib
import json
import math

from flask import Blueprint, Response, g, request, url_for
from rdflib import Graph
from rdflib.namespace import DCTERMS
from werkzeug.exceptions import HTTPException

from kb.knowledgebase import WriteConflict, WriteRefused
from kb.namespaces import BASE
from kb.workspace import Workspace, slug_of
from web.api import model
from web.auth import check

blueprint = Blueprint("api", __name__, url_prefix="/annotations")

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld"
MEDIA = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
CONTAINER_LINK = ('<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", '
                  '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"')
RESOURCE_LINK = '<http://www.w3.org/ns/ldp#Resource>; rel="type"'
CONTAINER_ALLOW = "GET, POST, HEAD, OPTIONS"
MEMBER_ALLOW = "GET, PUT, DELETE, HEAD, OPTIONS"
READ_ONLY_ALLOW = "GET, HEAD, OPTIONS"
PAGE_SIZE = 20
PROBLEMS = "https://w3id.org/claimkb/problems/"
KINDS = ("note", "anchor")


class Problem(HTTPException):
    """An RFC 9457 problem: ``kind`` names it, ``detail`` says what to do, ``extra`` adds members."""

    def __init__(self, status: int, kind: str, title: str, detail: str = "", headers=None, **extra):
        super().__init__(detail or title)
        self.code, self.kind, self.title, self.detail, self.extra = status, kind, title, detail, extra
        self.extra_headers = headers or {}


@blueprint.errorhandler(HTTPException)
def problem(error: HTTPException):
    if isinstance(error, Problem):
        body = {"type": PROBLEMS + error.kind, "title": error.title, "status": error.code,
                "detail": error.detail, "instance": request.path, **error.extra}
        headers = error.extra_headers
    else:
        body = {"type": "about:blank", "title": error.name, "status": error.code,
                "detail": error.description, "instance": request.path}
        headers = {}
    response = Response(json.dumps(body, ensure_ascii=False), status=error.code,
                        mimetype="application/problem+json")
    if error.code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="claimkb"'
    if error.code == 405:
        response.headers["Allow"] = headers.get("Allow", READ_ONLY_ALLOW)
    response.headers.update(headers)
    return response


def workspace() -> Workspace:
    return Workspace(g.kb)


def member_url(annotation) -> str:
    kind = str(annotation)[len(str(BASE)):].split("/", 1)[0]
    return url_for("api.member", kind=kind, slug=slug_of(annotation), _external=True)


def etag(unit) -> str:
    return '"' + hashlib.sha256(str(unit).encode()).hexdigest()[:32] + '"'


def json_response(body, status=200, **headers) -> Response:
    response = Response(json.dumps(body, ensure_ascii=False, indent=1), status=status, content_type=MEDIA)
    response.headers.update(headers)
    response.vary.add("Accept")
    return response


# -- the container -------------------------------------------------------------------------------------

@blueprint.route("/", methods=["OPTIONS"])
def container_options():
    return Response(status=204, headers={"Allow": CONTAINER_ALLOW, "Link": CONTAINER_LINK,
                                         "Accept-Post": MEDIA})


@blueprint.get("/")
def container():
    members = [row["annotation"] for row in g.kb.select("annotate/annotations")]
    pages = max(1, math.ceil(len(members) / PAGE_SIZE))
    here = url_for("api.container", _external=True)
    headers = {"Link": CONTAINER_LINK, "Allow": CONTAINER_ALLOW, "Accept-Post": MEDIA}
    page = request.args.get("page")
    if page is None:
        body = {"@context": [ANNO_CONTEXT, LDP_CONTEXT], "id": here, "type": ["BasicContainer", "AnnotationCollection"],
                "label": "claimkb annotations", "total": len(members),
                "first": f"{here}?page=0", "last": f"{here}?page={pages - 1}"}
        response = json_response(body, **headers)
        response.vary.add("Prefer")
        return response
    if not page.isdigit() or int(page) >= pages:
        raise Problem(404, "no-such-page", "No such page", f"Pages go from 0 to {pages - 1}.")
    number = int(page)
    items = []
    for annotation in members[number * PAGE_SIZE:(number + 1) * PAGE_SIZE]:
        unit = workspace().current_unit(annotation)
        if unit is not None:
            items.append(model.to_json(g.kb.graph(unit), annotation, member_url(annotation), with_context=False))
    body = {"@context": ANNO_CONTEXT, "id": f"{here}?page={number}", "type": "AnnotationPage",
            "partOf": {"id": here, "total": len(members)}, "startIndex": number * PAGE_SIZE, "items": items}
    if number + 1 < pages:
        body["next"] = f"{here}?page={number + 1}"
    if number > 0:
        body["prev"] = f"{here}?page={number - 1}"
    return json_response(body, **headers)


def read_body() -> dict:
    if request.mimetype not in ("application/ld+json", "application/json"):
        raise Problem(415, "unsupported-media-type", "Send JSON-LD",
                      f"Send the annotation as {MEDIA}.", headers={"Accept-Post": MEDIA})
    try:
        body = json.loads(request.get_data().decode("utf-8"))
        json.dumps(body, ensure_ascii=False).encode("utf-8")  # no lone surrogate ("\ud800") in a string
    except UnicodeError:
        raise Problem(400, "not-utf-8", "The body is not UTF-8",
                      "JSON is UTF-8 (RFC 8259): send the annotation encoded in UTF-8.") from None
    except (ValueError, RecursionError) as error:
        raise Problem(400, "not-json", "The body is not JSON", str(error)[:300] or "nested too deeply") from None
    if not isinstance(body, dict):
        raise Problem(400, "not-an-annotation", "The body is not an annotation", "Send one JSON object.")
    return body


def refused(error: WriteRefused) -> Problem:
    violations = [{"focus": v.focus, "path": v.path, "value": v.value, "shape": v.shape,
                   "message": v.message_fr if g.get("lang") == "fr" else v.message_en,
                   "message_en": v.message_en, "message_fr": v.message_fr} for v in error.violations]
    return Problem(422, "shape-violation", "The annotation does not conform to the shapes",
                   "Nothing was written. " + " ".join(v["message"] for v in violations), violations=violations)


def build(body: dict, slug=None, unit=None, kind=None):
    try:
        return model.from_json(body, workspace(), g.user.agent, request.host_url, slug=slug, unit=unit, kind=kind)
    except model.BadAnnotation as error:
        raise Problem(422, "bad-annotation", "The annotation cannot be read", str(error)) from None


@blueprint.post("/")
def create():
    check("annotate")
    body = read_body()
    for attempt in range(3):
        try:
            # Names chosen under the write lock: in this process no request can take them meanwhile (the
            # wider window of a remote store made four notes at once exhaust the attempts).
            with g.kb.write_lock:
                draft = build(body)
                workspace().with_user_agent(draft, g.user)
                workspace().commit(draft, g.user.agent)
            break
        except WriteRefused as error:
            raise refused(error) from None
        except WriteConflict:  # another request took the same new name meanwhile: pick a new one
            if attempt == 2:
                raise
    location = member_url(draft.resource)
    body = model.to_json(g.kb.graph(draft.unit), draft.resource, location)
    return json_response(body, 201, Location=location, ETag=etag(draft.unit), Link=RESOURCE_LINK,
                         Allow=MEMBER_ALLOW)


# -- one annotation ------------------------------------------------------------------------------------

def current(kind: str, slug: str):
    if kind not in KINDS:
        raise Problem(404, "not-found", "No such annotation", "Annotations are /annotations/note/… or /annotations/anchor/….")
    annotation = BASE[f"{kind}/{slug}"]
    unit = workspace().current_unit(annotation)
    if unit is None:
        gone = workspace().versions(annotation)
        if gone:
            raise Problem(410, "gone", "Retracted", "This annotation was retracted; its history stays in the KB.")
        raise Problem(404, "not-found", "No such annotation", f"There is no annotation {kind}/{slug}.")
    return annotation, unit


def editable(unit) -> bool:
    """Annotations made as units of their own; a claim's anchor changes with its claim (the forms)."""
    return str(unit).startswith((str(BASE["graph/note/"]), str(BASE["graph/anchor/"])))


def may_change(graph: Graph, annotation):
    check("annotate")
    if (annotation, DCTERMS.creator, g.user.agent) not in graph:
        check("retract")  # someone else's annotation: editors only


def precondition(unit, required: bool):
    given = request.headers.get("If-Match")
    if given is None:
        if required:
            raise Problem(428, "precondition-required", "If-Match required",
                          "Send the ETag you last read in If-Match, so that no one's change is overwritten.")
        return
    if given.strip() != "*" and etag(unit) not in [tag.strip() for tag in given.split(",")]:
        raise stale(unit)


def stale(unit) -> Problem:
    return Problem(412, "stale", "The annotation has changed",
                   "Someone changed it since you read it: GET it again, then apply your change.",
                   headers={"ETag": etag(unit)})


@blueprint.route("/<kind>/<slug>", methods=["OPTIONS"])
def member_options(kind, slug):
    _annotation, unit = current(kind, slug)
    return Response(status=204, headers={"Allow": MEMBER_ALLOW if editable(unit) else READ_ONLY_ALLOW,
                                         "Link": RESOURCE_LINK})


@blueprint.get("/<kind>/<slug>")
def member(kind, slug):
    annotation, unit = current(kind, slug)
    body = model.to_json(g.kb.graph(unit), annotation, member_url(annotation))
    made = g.kb.select("annotate/versions", iri=annotation)
    for row in made:
        if row["unit"] == unit and row.get("madeAt") is not None:
            body["modified"] = str(row["madeAt"])
    return json_response(body, ETag=etag(unit), Link=RESOURCE_LINK,
                         Allow=MEMBER_ALLOW if editable(unit) else READ_ONLY_ALLOW)


@blueprint.put("/<kind>/<slug>")
def replace(kind, slug):
    annotation, unit = current(kind, slug)
    if not editable(unit):
        raise Problem(405, "read-only", "This anchor belongs to its claim",
                      "Edit the claim instead (its anchor is part of the claim's unit).",
                      headers={"Allow": READ_ONLY_ALLOW})
    graph = g.kb.graph(unit)
    may_change(graph, annotation)
    precondition(unit, required=True)
    draft = build(read_body(), slug=slug, unit=workspace().next_unit(annotation, kind), kind=kind)
    creator = graph.value(annotation, DCTERMS.creator)
    if creator is not None:  # the creator stays who made it; PROV says who changed it
        draft.graph.set((annotation, DCTERMS.creator, creator))
    workspace().with_user_agent(draft, g.user)
    try:
        workspace().commit(draft, g.user.agent, revision_of=unit)
    except WriteRefused as error:
        raise refused(error) from None
    except WriteConflict:  # changed by another request between our precondition check and the write
        raise stale(unit) from None
    body = model.to_json(g.kb.graph(draft.unit), annotation, member_url(annotation))
    return json_response(body, ETag=etag(draft.unit), Link=RESOURCE_LINK, Allow=MEMBER_ALLOW)


@blueprint.delete("/<kind>/<slug>")
def delete(kind, slug):
    annotation, unit = current(kind, slug)
    if not editable(unit):
        raise Problem(405, "read-only", "This anchor belongs to its claim",
                      "Retract the claim instead.", headers={"Allow": READ_ONLY_ALLOW})
    may_change(g.kb.graph(unit), annotation)
    precondition(unit, required=False)
    try:
        g.kb.retract(unit, g.user.agent)
    except WriteConflict:
        raise stale(unit) from None
    return Response(status=204)
