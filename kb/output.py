"""Query results and exports as text: a table for people, SPARQL JSON/CSV and RDF for programs."""
import csv
import io
import json

from rdflib import BNode, Literal, URIRef

from kb.namespaces import PREFIXES

QUERY_FORMATS = ("table", "json", "csv", "ttl")
EXPORT_FORMATS = ("nq", "trig", "ttl", "jsonld")


def compact(term) -> str:
    """A term as people read it: prefixed names for known namespaces, plain text for literals."""
    if isinstance(term, URIRef):
        for prefix, namespace in PREFIXES.items():
            local = term[len(namespace):]
            if term.startswith(namespace) and local.replace("-", "").replace("_", "").replace("/", "").isalnum():
                return f"{prefix}:{local}"
        return f"<{term}>"
    if isinstance(term, Literal):
        return f"{term}@{term.language}" if term.language else str(term)
    return "" if term is None else str(term)


def json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = str(term.datatype)
    return value


def _bind_prefixes(graph):
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def render(result, format: str) -> str:
    if result.kind == "graph":
        return _bind_prefixes(result.graph).serialize(format="turtle" if format in ("ttl", "table") else "json-ld")
    if result.kind == "ask":
        if format == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if format == "json":
        return json.dumps({"head": {"vars": result.variables},
                           "results": {"bindings": [{k: json_term(v) for k, v in row.items()}
                                                    for row in result.rows]}}, ensure_ascii=False) + "\n"
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([str(row[v]) if v in row else "" for v in result.variables])
        return buffer.getvalue()
    return table(result.variables, [[compact(row.get(v)) for v in result.variables] for row in result.rows])


def table(header: list[str], rows: list[list[str]], width: int = 60) -> str:
    cells = [[cell.replace("\n", " ") for cell in row] for row in rows]
    cells = [[c if len(c) <= width else c[:width - 1] + "…" for c in row] for row in cells]
    sizes = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    line = lambda row: " | ".join(c.ljust(s) for c, s in zip(row, sizes)).rstrip()
    out = [line(header), "-+-".join("-" * s for s in sizes)] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def export(kb, format: str) -> bytes:
    if format in ("nq", "trig"):
        return kb.store.dump(format)
    graph = _bind_prefixes(kb.current_view())
    return graph.serialize(format="turtle" if format == "ttl" else "json-ld", encoding="utf-8")
