"""Where a resource is shown: IRIs under https://w3id.org/claimkb/ at their own path, vocabulary terms on the
vocabulary page, any other IRI at /resource?iri=."""
from urllib.parse import urlencode

from flask import request, url_for

from kb.namespaces import BASE, CKB

BASE_TEXT = str(BASE)
ONTOLOGY = str(CKB).rstrip("#")
KINDS = ("claim", "agent", "source", "event", "thing", "review", "anchor", "graph", ".well-known/genid")


def path_of(iri) -> str | None:
    """The local path of an IRI of claimkb's own base (without fragment), or None."""
    text = str(iri)
    if text.startswith(str(CKB)) or text == ONTOLOGY:
        return "/vocab"
    if not text.startswith(BASE_TEXT):
        return None
    local = text[len(BASE_TEXT):].split("#", 1)[0]
    if any(local.startswith(kind + "/") and len(local) > len(kind) + 1 for kind in KINDS):
        return "/" + local
    return None


def href(iri) -> str:
    """A link to the page of ``iri``."""
    text = str(iri)
    if text.startswith(str(CKB)):
        return "/vocab#" + text[len(str(CKB)):]
    path = path_of(iri)
    if path is not None:
        fragment = text.partition("#")[2]
        return path + ("#" + fragment if fragment else "")
    return url_for("browse.resource_by_iri", iri=text)


def relations_href(iri) -> str | None:
    """The relation graph of a claim or a source of the KB (web/browse/graphs.py), or None."""
    path = path_of(iri)
    return "/relations" + path if path and path.startswith(("/claim/", "/source/")) else None


def with_args(**changes) -> str:
    """The current page's address with some query parameters changed (None removes one, a list gives it several
    values); page resets to 1."""
    args = {k: v for k, v in request.args.lists() if k not in ("page", "lang")}
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value if isinstance(value, list) else [value]
    return request.path + ("?" + urlencode(args, doseq=True) if args else "")


def switch_language(code: str) -> str:
    args = {k: v for k, v in request.args.lists() if k != "lang"}
    args["lang"] = [code]
    return request.path + "?" + urlencode(args, doseq=True)
