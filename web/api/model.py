"""Web Annotation JSON-LD (the anno context's compact form) to and from the KB's RDF.

Clients such as Hypothesis send the compact form, so it is read as such (no JSON-LD processing that
could fetch remote contexts): ``motivation``, ``body`` (a ``TextualBody`` or, for ``identifying``, the
claim's IRI), ``target`` with ``source`` and ``selector`` (``TextQuoteSelector``, ``TextPositionSelector``).
The target's source is a document of the KB: its IRI, its page on this server, or its original URL.
Selectors a client gives are kept as given, the missing parts computed from the stored text
(``kb.anchor``); a passage that is not in the text is then refused by the shapes, with their messages.
"""
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from kb.anchor import PassageNotFound, Selectors, selectors_at
from kb.namespaces import BASE, OA
from kb.workspace import NOTE_MOTIVATIONS, Workspace

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = NOTE_MOTIVATIONS + ("identifying",)


class BadAnnotation(ValueError):
    """The JSON is not an annotation the KB can hold; the message says what to change."""


def _local(term) -> str:
    return str(term).rsplit("#", 1)[-1]


def to_json(graph: Graph, annotation: URIRef, url: str, with_context: bool = True) -> dict:
    body: dict = {}
    if with_context:
        body["@context"] = ANNO_CONTEXT
    body.update({"id": url, "type": "Annotation", "canonical": str(annotation)})
    motivation = graph.value(annotation, OA.motivatedBy)
    if motivation is not None:
        body["motivation"] = _local(motivation)
    creator = graph.value(annotation, DCTERMS.creator)
    if creator is not None:
        body["creator"] = str(creator)
    created = graph.value(annotation, DCTERMS.created)
    if created is not None:
        body["created"] = str(created)
    bodies = []
    for value in graph.objects(annotation, OA.hasBody):
        if (value, RDF.type, OA.TextualBody) in graph:
            textual = {"type": "TextualBody", "value": str(graph.value(value, RDF.value) or "")}
            for key, prop in (("format", DCTERMS.format), ("language", DCTERMS.language)):
                if graph.value(value, prop) is not None:
                    textual[key] = str(graph.value(value, prop))
            bodies.append(textual)
        else:
            bodies.append(str(value))
    if bodies:
        body["body"] = bodies[0] if len(bodies) == 1 else bodies
    target = graph.value(annotation, OA.hasTarget)
    if target is not None:
        selectors = []
        for selector in graph.objects(target, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) in graph:
                found = {"type": "TextQuoteSelector"}
                for key in ("exact", "prefix", "suffix"):
                    if graph.value(selector, OA[key]) is not None:
                        found[key] = str(graph.value(selector, OA[key]))
                selectors.append(found)
            elif (selector, RDF.type, OA.TextPositionSelector) in graph:
                selectors.append({"type": "TextPositionSelector", "start": int(graph.value(selector, OA.start)),
                                  "end": int(graph.value(selector, OA.end))})
        selectors.sort(key=lambda s: s["type"], reverse=True)
        body["target"] = {"source": str(graph.value(target, OA.hasSource)), "selector": selectors}
    return body


def _one(value, what: str):
    if isinstance(value, list):
        if len(value) != 1:
            raise BadAnnotation(f"give exactly one {what}")
        return value[0]
    return value


def _types(node) -> set:
    kind = node.get("type", node.get("@type", [])) if isinstance(node, dict) else []
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def _text(node: dict, key: str, default: str = "") -> str:
    value = node.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise BadAnnotation(f"{key} must be a string")
    return value


def source_of(reference: str, workspace: Workspace, host_url: str) -> URIRef:
    """A document of the KB from its IRI, its page here (``http://host/source/x``), or its original URL."""
    if not isinstance(reference, str) or not reference:
        raise BadAnnotation("the target needs a source: the IRI or the URL of a document of the KB")
    if reference.startswith(host_url.rstrip("/") + "/source/"):
        reference = str(BASE) + reference[len(host_url.rstrip("/") + "/"):]
    candidate = URIRef(reference)
    if workspace.source_text(candidate) is not None:
        return candidate
    known = workspace.kb.select("annotate/source-by-url", url=candidate)
    if known and workspace.source_text(known[0]["source"]) is not None:
        return known[0]["source"]
    raise BadAnnotation(f"{reference} is not a document of the KB with a stored text; add the source first")


def selectors_from(target: dict, text: str) -> Selectors:
    given = target.get("selector")
    given = given if isinstance(given, list) else [given] if given else []
    quote = next((s for s in given if "TextQuoteSelector" in _types(s)), None)
    position = next((s for s in given if "TextPositionSelector" in _types(s)), None)
    if position is not None:
        start, end = position.get("start"), position.get("end")
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)):
            raise BadAnnotation("a TextPositionSelector needs whole numbers start and end")
        try:
            computed = selectors_at(text, start, end)
        except PassageNotFound:
            computed = Selectors("", "", "", start, end)
        quote = quote or {}
        return Selectors(exact=_text(quote, "exact", computed.exact), prefix=_text(quote, "prefix", computed.prefix),
                         suffix=_text(quote, "suffix", computed.suffix), start=start, end=end)
    if quote is None or not quote.get("exact"):
        raise BadAnnotation("the target needs a TextQuoteSelector (exact) or a TextPositionSelector (start, end)")
    exact, prefix, suffix = _text(quote, "exact"), _text(quote, "prefix"), _text(quote, "suffix")
    starts, at = [], text.find(exact)
    while at != -1:
        if text[:at].endswith(prefix) and text[at + len(exact):].startswith(suffix):
            starts.append(at)
        at = text.find(exact, at + 1)
    if len(starts) != 1:
        raise BadAnnotation("the quoted passage is not in the document's text" if not starts else
                            "the quoted passage appears several times: add its prefix and suffix, or a TextPositionSelector")
    return selectors_at(text, starts[0], starts[0] + len(exact))


def from_json(body: dict, workspace: Workspace, creator: URIRef, host_url: str, slug=None, unit=None, kind=None):
    """A draft unit (``kb.workspace.Draft``) for an annotation given as JSON."""
    if "Annotation" not in _types(body) and "oa:Annotation" not in _types(body):
        raise BadAnnotation('the body must be an annotation ("type": "Annotation")')
    motivation = _one(body.get("motivation", "commenting"), "motivation")
    motivation = str(motivation).removeprefix("oa:")
    if motivation not in MOTIVATIONS:
        raise BadAnnotation(f"motivation must be one of {', '.join(MOTIVATIONS)}")
    target = _one(body.get("target"), "target")
    if not isinstance(target, dict):
        raise BadAnnotation("the target must be a passage of a document: {\"source\": ..., \"selector\": [...]}")
    source = source_of(target.get("source") or target.get("id"), workspace, host_url)
    selectors = selectors_from(target, str(workspace.source_text(source)["text"]))
    content = _one(body.get("body") or None, "body")  # "body": [] is no body, as a bare highlight has
    wanted_kind = "anchor" if motivation == "identifying" else "note"
    if kind is not None and kind != wanted_kind:
        raise BadAnnotation(f"this annotation is a {kind}; its motivation cannot make it a {wanted_kind}")
    if motivation == "identifying":
        claim = content.get("id") if isinstance(content, dict) else content
        if not isinstance(claim, str) or not claim:
            raise BadAnnotation("an identifying annotation has the claim it anchors as its body (the claim's IRI)")
        return workspace.note(source=source, selectors=selectors, motivation=motivation, value="", language="",
                              creator=creator, slug=slug, unit=unit, kind="anchor", claim=URIRef(claim))
    if content is None:
        value, language = "", ""
    elif isinstance(content, dict) and ("TextualBody" in _types(content) or "value" in content):
        value, language = _text(content, "value"), _text(content, "language")
    else:
        raise BadAnnotation("a note's body is a TextualBody: {\"type\": \"TextualBody\", \"value\": \"...\"}")
    return workspace.note(source=source, selectors=selectors, motivation=motivation, value=value,
                          language=language, creator=creator, slug=slug, unit=unit, kind="note")
