"""Content negotiation, in one place: which representation of a resource a request wants, and the RDF answer.

A representation is chosen, first match wins, by the ``_format`` parameter (a short name such as ``ttl``
or a media type), by a suffix of the path (``/claim/x.ttl``), then by ``Accept`` (q-values honoured; no
``Accept`` or ``*/*`` gives HTML). Every negotiated answer says ``Vary: Accept`` and lists its alternates
in ``Link: <...>; rel="alternate"; type="..."``.

Resources are served with 200 at their own IRI, whatever the format (no 303 to a separate document): the
IRIs are slash IRIs of claims, agents and events, and claimkb follows schema.org and Google's practice of
one URL for a thing and its description. Only a review and an anchor, which are shown inside their claim's
page, answer HTML with a 303 to that page.
"""
from flask import Response, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import HTTPException

from kb.namespaces import PREFIXES

FORMATS = {  # short name: (media type, rdflib serializer or None for HTML)
    "html": ("text/html", None),
    "ttl": ("text/turtle", "turtle"),
    "jsonld": ("application/ld+json", "json-ld"),
    "nt": ("application/n-triples", "nt"),
    "rdf": ("application/rdf+xml", "xml"),
}
BY_MEDIA_TYPE = {media: name for name, (media, _) in FORMATS.items()}
BY_MEDIA_TYPE.update({"application/xhtml+xml": "html", "application/x-turtle": "ttl", "application/json": "jsonld",
                      "text/plain": "nt", "application/xml": "rdf", "text/xml": "rdf"})
RDF_FORMATS = tuple(name for name in FORMATS if name != "html")


class NotAcceptable(HTTPException):
    code = 406
    description = ("None of the representations of this resource is acceptable. Available: "
                   + ", ".join(media for media, _ in FORMATS.values()) + ".")


class UnknownFormat(HTTPException):
    code = 400

    def __init__(self, asked: str):
        super().__init__(f"Unknown format {asked!r}: use one of {', '.join(FORMATS)} "
                         f"or one of their media types.")


def split_suffix(path: str) -> tuple[str, str | None]:
    """``x.ttl`` -> (``x``, ``ttl``); a path without a known suffix is returned whole."""
    stem, dot, suffix = path.rpartition(".")
    if dot and suffix in FORMATS and stem:
        return stem, suffix
    return path, None


def negotiate(suffix: str | None = None, offered=tuple(FORMATS)) -> str:
    """The short name of the format this request wants among ``offered``."""
    asked = request.args.get("_format")
    if asked:
        name = asked if asked in FORMATS else BY_MEDIA_TYPE.get(asked.split(";")[0].strip())
        if name is None or name not in offered:
            raise UnknownFormat(asked)
        return name
    if suffix:
        return suffix
    accept: MIMEAccept = request.accept_mimetypes
    if not accept or accept.best == "*/*" and len(accept) == 1:
        return offered[0]
    candidates = [FORMATS[name][0] for name in offered] + [m for m, n in BY_MEDIA_TYPE.items() if n in offered]
    best = accept.best_match(candidates)
    if best is None:
        raise NotAcceptable()
    return BY_MEDIA_TYPE[best]


def rdf_response(graph, name: str) -> Response:
    """``graph`` serialised as format ``name``, with the project's prefixes."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    media, serializer = FORMATS[name]
    body = graph.serialize(format=serializer, encoding="utf-8")
    return Response(body, mimetype=media, content_type=f"{media}; charset=utf-8")


def alternates(path: str, offered=tuple(FORMATS)) -> str:
    """A ``Link`` header value listing the representations of the resource at ``path`` (no suffix)."""
    links = []
    for name in offered:
        target = path if name == "html" else f"{path}.{name}"
        links.append(f'<{target}>; rel="alternate"; type="{FORMATS[name][0]}"')
    return ", ".join(links)


def alternates_by_parameter(path: str, query: dict, offered=tuple(FORMATS)) -> str:
    """Like ``alternates`` for a resource whose address has a query (``/resource?iri=``): by ``_format``."""
    from urllib.parse import urlencode
    links = []
    for name in offered:
        target = f"{path}?{urlencode({**query, '_format': name})}"
        links.append(f'<{target}>; rel="alternate"; type="{FORMATS[name][0]}"')
    return ", ".join(links)


def negotiated(response: Response, link: str) -> Response:
    response.headers["Link"] = link
    response.vary.add("Accept")
    return response
