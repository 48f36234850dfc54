"""Query results as bytes in the W3C formats, written from pyoxigraph terms (no rdflib: workers load fast).

SELECT/ASK: SPARQL 1.1 Query Results JSON, XML, CSV and TSV. CONSTRUCT/DESCRIBE: any RDF syntax
pyoxigraph writes. pyoxigraph's serializer cannot stop at the row limit, so the worker lets it write the
rows (no Python object per row) only when the query's own LIMIT keeps it within the row limit
(:func:`write_native`), or when the worker could append ``LIMIT`` row limit + 1 to the text
(:func:`write_counted`: the rows are counted and the last one cut in the written bytes). Otherwise they
are written here, row by row. A cut answer holds the row limit's rows, has a ``"truncated": true``
member in JSON (clients ignore members they do not know), and the ``X-SPARQL-Truncated`` header for
every format.
"""
import csv
import io
import json
from json.encoder import encode_basestring as _json_string  # as json.dumps, ensure_ascii=False
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# name: (media type, kind) -- kind "select" covers ASK too, "graph" is CONSTRUCT and DESCRIBE.
FORMATS = {
    "json": ("application/sparql-results+json", "select"),
    "xml": ("application/sparql-results+xml", "select"),
    "csv": ("text/csv", "select"),
    "tsv": ("text/tab-separated-values", "select"),
    "ttl": ("text/turtle", "graph"),
    "nt": ("application/n-triples", "graph"),
    "jsonld": ("application/ld+json", "graph"),
    "rdfxml": ("application/rdf+xml", "graph"),
    "trig": ("application/trig", "graph"),
    "nq": ("application/n-quads", "graph"),
    # For the workbench: a graph as a table of subject, predicate, object in SPARQL JSON.
    "triples-json": ("application/sparql-results+json", "graph"),
}
RESULTS_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
               "rdfxml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}


def json_term(term) -> dict:
    kind = type(term)  # exact types, tested most frequent first: this runs for every cell
    if kind is ox.NamedNode:
        return {"type": "uri", "value": term.value}
    if kind is ox.Literal:
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": datatype}
    if kind is ox.BlankNode:
        return {"type": "bnode", "value": term.value}
    return {"type": "triple", "value": {"subject": json_term(term.subject), "predicate": json_term(term.predicate),
                                        "object": json_term(term.object)}}


def _json_text(term) -> str:
    """:func:`json_term` as JSON text, written directly: a dict per cell for ``json.dumps`` took twice the
    CPU (competency questions at 1,000,000 quads, medians of 15: 2,478 rows of 8 cells 139 ms, now 77 ms;
    5,508 rows of 6 cells 197 ms, now 96 ms)."""
    kind = type(term)
    if kind is ox.NamedNode:
        return f'{{"type":"uri","value":{_json_string(term.value)}}}'
    if kind is ox.Literal:
        value, language = _json_string(term.value), term.language
        if language:
            return f'{{"type":"literal","value":{value},"xml:lang":{_json_string(language)}}}'
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return f'{{"type":"literal","value":{value}}}'
        return f'{{"type":"literal","value":{value},"datatype":{_json_string(datatype)}}}'
    if kind is ox.BlankNode:
        return f'{{"type":"bnode","value":{_json_string(term.value)}}}'
    return json.dumps(json_term(term), ensure_ascii=False, separators=(",", ":"))


def _write_json(variables: list[str], rows: list, truncated: bool) -> bytes:
    keys = [_json_string(v) + ":" for v in variables]
    bindings = ",".join("{" + ",".join(key + _json_text(t) for key, t in zip(keys, row) if t is not None) + "}"
                        for row in rows)
    # Before "results": Oxigraph's streaming parser refuses any member after the bindings.
    truncation = '"truncated":true,' if truncated else ""
    return (f'{{"head":{{"vars":[{",".join(map(_json_string, variables))}]}},{truncation}'
            f'"results":{{"bindings":[{bindings}]}}}}').encode("utf-8")


# As character references: XML parsers turn a raw CR (LF) into LF and may trim whitespace at a text's ends.
_XML_WHITESPACE = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
                f"</predicate><object>{_xml_term(term.object)}</object></triple>")
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value, _XML_WHITESPACE)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value, _XML_WHITESPACE)}</literal>"
    return f"<literal>{escape(term.value, _XML_WHITESPACE)}</literal>"


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def write_select(variables: list[str], rows: list, format: str, truncated: bool) -> bytes:
    """``rows``: lists of terms (None when unbound), in the order of ``variables``."""
    if format in ("json", "triples-json"):
        return _write_json(variables, rows, truncated)
    if format == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head>\n<results>\n")
        for row in rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(variables, row) if t is not None)
            out.append(f"<result>{cells}</result>\n")
        out.append("</results>\n</sparql>\n")
        return "".join(out).encode("utf-8")
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_value(t) for t in row] for row in rows)
        return buffer.getvalue().encode("utf-8")
    if format == "tsv":  # terms in Turtle syntax; str() of a pyoxigraph term is its N-Triples form
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"not a results format: {format}")


def write_native(solutions: ox.QuerySolutions, format: str) -> bytes:
    """All of ``solutions``, written by Oxigraph."""
    return _native_xml(solutions.serialize(format=RESULTS_FORMATS[format]), format)


def _native_xml(body: bytes, format: str) -> bytes:
    # Oxigraph writes a CR in a value raw, which XML parsers read as LF; a character reference keeps it.
    # In its XML a CR can only be in text content (names, language tags and datatype IRIs hold none).
    return body.replace(b"\r", b"&#13;") if format == "xml" else body


def write_counted(solutions: ox.QuerySolutions, format: str, limit: int) -> tuple[bytes, int, bool]:
    """At most ``limit`` of ``solutions`` (of a query run with ``LIMIT limit+1``), written by Oxigraph;
    also the number of rows and whether there were more. They are written as TSV first, where a row is a
    line (terms are in Turtle syntax: a line break in a value is escaped), so counting the rows and
    cutting the last one are byte searches; then read back and written in ``format`` by Oxigraph, which
    costs less than taking them into Python to write them (10,000 rows of 3 terms in an in-memory store,
    query included: 25 ms of CPU against 49 ms)."""
    tsv = solutions.serialize(format=ox.QueryResultsFormat.TSV)
    count = tsv.count(b"\n") - 1  # after the header line
    truncated = count > limit
    if truncated:
        tsv, count = tsv[:tsv.rindex(b"\n", 0, len(tsv) - 1) + 1], limit
    if format == "tsv":
        return tsv, count, truncated
    body = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(format=RESULTS_FORMATS[format])
    if truncated and format == "json":
        # Before "results", as write_select puts it. The head holds variable names only (no "}" in them).
        head = body.index(b'},"results":') + 1
        body = body[:head] + b',"truncated":true' + body[head:]
    return _native_xml(body, format), count, truncated


def write_boolean(answer: bool, format: str) -> bytes:
    if format == "json":
        return json.dumps({"head": {}, "boolean": answer}).encode()
    if format == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if answer else 'false'}</boolean></sparql>\n").encode()
    return ("true\n" if answer else "false\n").encode()


def write_graph(triples: list, format: str, prefixes: dict[str, str], truncated: bool) -> bytes:
    if format == "triples-json":
        return write_select(["subject", "predicate", "object"],
                            [[t.subject, t.predicate, t.object] for t in triples], "json", truncated)
    rdf_format = RDF_FORMATS[format]
    if rdf_format.supports_datasets:
        triples = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    options = {"prefixes": prefixes} if format in ("ttl", "trig", "rdfxml") else {}
    return ox.serialize(triples, format=rdf_format, **options)
