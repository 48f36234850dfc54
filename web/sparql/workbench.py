"""The workbench page: a query form that works without JavaScript, the examples gallery, results as a
table whose IRIs link into the browser, a bar chart for simple aggregates, permalinks and downloads."""
import json
from urllib.parse import urlencode

from flask import Response, render_template

from kb.endpoint import SETTINGS, Answer, examples
from kb.endpoint_describe import formats_by_kind
from kb.namespaces import PREFIXES

NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in
           ("integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger")}
DEFAULT_QUERY = "SELECT ?claim ?text WHERE {\n  ?claim a schema:Claim ; schema:text ?text .\n}\nLIMIT 20\n"


def prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + "\n"


def link(query: str, **params) -> str:
    return "/sparql?" + urlencode({"query": query, **{k: v for k, v in params.items() if v is not None}})


def _cell(term: dict | None) -> dict:
    if term is None:
        return {"text": "", "kind": "unbound"}
    if term["type"] == "uri":
        return {"text": _compact(term["value"]), "kind": "iri", "title": term["value"],
                "href": "/resource?" + urlencode({"iri": term["value"]})}
    if term["type"] == "bnode":
        return {"text": f"_:{term['value']}", "kind": "bnode"}
    if term["type"] == "triple":
        return {"text": " ".join(_cell(term["value"][k])["text"] for k in ("subject", "predicate", "object")),
                "kind": "triple"}
    note = f"@{term['xml:lang']}" if "xml:lang" in term else _compact(term.get("datatype", "")) or None
    return {"text": term["value"], "kind": "literal", "note": note}


def _compact(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _chart(variables: list[str], bindings: list[dict]) -> list[dict] | None:
    """Bars for an aggregate: a label column then a number column, a few dozen rows at most."""
    if len(variables) != 2 or not 1 <= len(bindings) <= 50:
        return None
    label, number = variables
    values = []
    for row in bindings:
        term = row.get(number)
        if not term or term.get("datatype") not in NUMERIC or label not in row:
            return None
        values.append((_cell(row[label])["text"], float(term["value"])))
    top = max(v for _, v in values) or 1
    return [{"label": name, "value": f"{v:g}", "percent": max(0, round(100 * v / top))} for name, v in values]


def results(answer: Answer) -> dict:
    data = json.loads(answer.body)
    if "boolean" in data:
        return {"boolean": data["boolean"]}
    variables, bindings = data["head"]["vars"], data["results"]["bindings"]
    return {"variables": variables, "rows": [[_cell(row.get(v)) for v in variables] for row in bindings],
            "chart": _chart(variables, bindings) if answer.kind == "select" else None}


def page(query: str | None, settings: dict, answer: Answer | None = None, error: str | None = None,
         status: int = 200) -> Response:
    query = query if query else prologue() + DEFAULT_QUERY
    context = {"query": query, "settings": settings, "setting_help": SETTINGS, "error": error,
               "status": status, "examples": [(e, link(e.text)) for e in examples()],
               "prefixes": PREFIXES, "answer": answer, "permalink": link(query)}
    if answer is not None:
        kind = "graph" if answer.kind == "graph" else "select"
        context["results"] = results(answer)
        context["count"] = len(context["results"].get("rows", ()))
        context["downloads"] = [(name, link(query, format=name, download=1)) for name in formats_by_kind(kind)]
        context["milliseconds"] = f"{answer.seconds * 1000:.1f}"
    html = render_template("sparql/workbench.html", **context)
    return Response(html, status=status, mimetype="text/html")
