"""What a researcher's SPARQL text asks for, read without running it.

The endpoint must refuse some requests *before* anything runs: updates, ``SERVICE`` (pyoxigraph would
really fetch it over HTTP) and ``FROM``/``FROM NAMED`` graphs that the KB does not hold. pyoxigraph
exposes no parser, so this module reads the text with SPARQL's lexical rules (strings, IRIs and comments
are skipped as wholes) and looks at the keywords. It errs on the side of refusing: a keyword hidden in
an unterminated string is still seen. Whether the text is valid SPARQL is left to Oxigraph's parser,
whose message and position reach the user.
"""
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}

_TOKEN = re.compile(r"""
    (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n\r]*)
  | (?P<var>[?$]\w+)
  | (?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w:%.-]|\\.)*)
  | (?P<word>[^\W\d_]\w*)
  | (?P<number>\d+)
  | (?P<other>\S)
""", re.VERBOSE | re.DOTALL)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class Refused(Exception):
    """The request asks for something this read-only, local endpoint never does."""


class UpdateRefused(Refused):
    pass


class RemoteRefused(Refused):
    pass


@dataclass
class Reading:
    """What the text asks for: its form (None when it names none: Oxigraph's parser will say why),
    and the graphs its ``FROM`` and ``FROM NAMED`` clauses name, as absolute IRIs where they resolve;
    ``limit``, the query's own ``LIMIT`` (outside every group), or None when it has none or the text is
    too odd to tell (the endpoint then counts the rows itself); ``graphs``, the IRIs its ``GRAPH``
    patterns name, or None when one takes a variable (or anything else: it may read any named graph);
    ``limit_appendable``, whether a ``LIMIT`` clause added at the end of the text would bound this SELECT's
    answer and nothing else (no ``LIMIT`` or ``VALUES`` outside every group, braces that balance)."""
    form: str | None = None
    from_graphs: list[str] = field(default_factory=list)
    from_named: list[str] = field(default_factory=list)
    limit: int | None = None
    limit_appendable: bool = False
    graphs: list[str] | None = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        """``"select"`` for SELECT and ASK (results formats), ``"graph"`` for CONSTRUCT and DESCRIBE."""
        return None if self.form is None else ("graph" if self.form in ("construct", "describe") else "select")


def tokens(text: str) -> list[tuple[str, str]]:
    return [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]


def decoded(text: str) -> str:
    """``text`` with its ``\\u``/``\\U`` escapes decoded, as a SPARQL parser does before anything else."""
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def without_dataset(text: str) -> str:
    """``text`` (its ``\\u`` escapes already decoded, as a SPARQL parser does first: none spells a FROM)
    without its ``FROM`` and ``FROM NAMED`` clauses, which :func:`kb.embargo.public_dataset` has turned
    into the request's dataset (the public graphs among them): Virtuoso adds the graphs that the text names
    to those of the request instead of taking the request's alone, as the SPARQL Protocol says, and would
    read a draft's graph named in a FROM."""
    tokens = [m for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]
    cut, at = [], 0
    while at < len(tokens):
        if tokens[at].lastgroup == "word" and tokens[at].group().upper() == "FROM":
            named = at + 1 < len(tokens) and tokens[at + 1].group().upper() == "NAMED"
            last = min(at + (2 if named else 1), len(tokens) - 1)  # the graph's IRI or prefixed name
            cut.append((tokens[at].start(), tokens[last].end()))
            at = last
        at += 1
    for start, end in reversed(cut):
        text = text[:start] + " " + text[end:]
    return text


VIRTUOSO_SQL = ("bif:", "sql:", "http://www.openlinksw.com/schemas/bif#", "http://www.openlinksw.com/schemas/sql#")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def virtuoso_sql(text: str) -> str | None:
    """Why ``text`` (its escapes decoded) may not go to a remote store, or None: it names one of Virtuoso's
    SQL functions. Virtuoso runs ``bif:f(...)`` as its built-in ``f`` (``bif:file_to_string``,
    ``bif:http_get``, ``bif:sequence_next``: files, URLs, the server's state) and ``sql:f(...)``, or a
    relative IRI called as a function (``<f>(...)``, ``PREFIX : <> ... :f(...)``), as the SQL procedure
    ``DB.DBA.f``. Any IRI in those namespaces is refused, called or not (``?o bif:contains "w"`` calls a
    function too), as is any prefix or base that names one."""
    toks = tokens(text)
    prefixes = {}
    for at, (kind, value) in enumerate(toks):
        if kind == "pname" and at >= 1 and toks[at - 1][1].upper() == "PREFIX":
            iri = toks[at + 1][1][1:-1] if at + 1 < len(toks) and toks[at + 1][0] == "iri" else ""
            prefixes[value.partition(":")[0]] = iri
            continue
        if kind == "iri":
            iri = value[1:-1]
        elif kind == "pname":
            prefix, _, local = value.partition(":")
            # An undeclared prefix is one of the store's own (Virtuoso's xsd:, bif:...): bif: and sql: whatever
            # a query declares them as (Virtuoso keeps them).
            iri = value if prefix.lower() in ("bif", "sql") or prefix not in prefixes else prefixes[prefix] + local
        else:
            continue
        called = at + 1 < len(toks) and toks[at + 1][1] == "("
        if iri.lower().startswith(VIRTUOSO_SQL) or called and not _SCHEME.match(iri):
            return (f"{value} is refused: Virtuoso runs its bif: and sql: functions, and relative IRIs called as "
                    "functions, as SQL on the store's server, which can read its files and state or fetch URLs; "
                    "this endpoint is read-only and fetches nothing remote")
    return None


def read(text: str) -> Reading:
    """Read ``text``; raise :class:`UpdateRefused` or :class:`RemoteRefused` for what must not run."""
    # SPARQL allows \\u escapes anywhere in the text; read the decoded text too, so none hides a keyword.
    variants = [text]
    if "\\u" in text or "\\U" in text:
        variants.append(decoded(text))
    readings = [_read(tokens(variant)) for variant in variants]  # each raises what it refuses
    if any(reading.limit != readings[0].limit for reading in readings):
        readings[0].limit = None  # an escape changes the structure: no LIMIT to trust
    readings[0].limit_appendable = all(reading.limit_appendable for reading in readings)
    if len(readings) > 1:
        readings[0].graphs = None  # an escape may spell GRAPH, or the name of a graph
    return readings[0]


def _read(toks: list[tuple[str, str]]) -> Reading:
    base, prefixes, at = None, {}, 0
    while at < len(toks) and toks[at][0] == "word" and toks[at][1].upper() in ("BASE", "PREFIX"):
        if toks[at][1].upper() == "BASE" and at + 1 < len(toks) and toks[at + 1][0] == "iri":
            base = toks[at + 1][1][1:-1]
            at += 2
        elif at + 2 < len(toks) and toks[at + 1][0] == "pname" and toks[at + 2][0] == "iri":
            prefixes[toks[at + 1][1].rstrip(":")] = _resolve(toks[at + 2][1][1:-1], base)
            at += 3
        else:
            break
    reading = Reading()
    first = toks[at][1].upper() if at < len(toks) and toks[at][0] == "word" else None
    if first in UPDATE_KEYWORDS:
        raise UpdateRefused(f"this endpoint is read-only: SPARQL Update ({first}) is refused; nothing was changed")
    reading.form = QUERY_FORMS.get(first)
    reading.limit = _limit(toks[at:])
    reading.limit_appendable = reading.form == "select" and _limit_appendable(toks[at:])
    for index, (kind, value) in enumerate(toks):
        if kind != "word":
            continue
        keyword = value.upper()
        if keyword == "SERVICE":
            raise RemoteRefused("SERVICE is refused: this endpoint queries the KB only and fetches nothing remote")
        if keyword in UPDATE_KEYWORDS and reading.form is None:  # not a query: no keyword of it may run
            raise UpdateRefused(f"this endpoint is read-only: SPARQL Update ({keyword}) is refused; "
                                "nothing was changed")
        if keyword == "FROM":
            named = index + 1 < len(toks) and toks[index + 1][1].upper() == "NAMED"
            at = index + 2 if named else index + 1
            graph = _graph_iri(toks[at] if at < len(toks) else None, prefixes, base)
            (reading.from_named if named else reading.from_graphs).append(graph)
        if keyword == "GRAPH" and reading.graphs is not None:
            following = toks[index + 1] if index + 1 < len(toks) else None
            if following is None or following[0] not in ("iri", "pname"):
                reading.graphs = None
            else:
                reading.graphs.append(_graph_iri(following, prefixes, base))
    return reading


def _limit(toks: list[tuple[str, str]]) -> int | None:
    """The ``LIMIT n`` outside every ``{ }`` (a subquery's does not bound the answer); None if there is
    none, or if the braces do not balance (the parser will refuse the text anyway)."""
    depth, found = 0, None
    for index, (kind, value) in enumerate(toks):
        if value == "{":
            depth += 1
        elif value == "}":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and kind == "word" and value.upper() == "LIMIT":
            if found is not None or index + 1 == len(toks) or toks[index + 1][0] != "number":
                return None
            found = int(toks[index + 1][1])
    return found if depth == 0 else None


def _limit_appendable(toks: list[tuple[str, str]]) -> bool:
    """Whether ``LIMIT n`` after the last token would be the query's own solution modifier. Not after a
    ``LIMIT`` of its own (a second one is a syntax error) nor after a trailing ``VALUES`` clause (a
    ``LIMIT`` must come before it); ``OFFSET`` may come before ``LIMIT``."""
    depth = 0
    for kind, value in toks:
        if value == "{":
            depth += 1
        elif value == "}":
            depth -= 1
            if depth < 0:
                return False
        elif depth == 0 and kind == "word" and value.upper() in ("LIMIT", "VALUES"):
            return False
    return depth == 0


def _graph_iri(token, prefixes: dict, base: str | None) -> str:
    if token is None:
        return ""
    kind, value = token
    if kind == "iri":
        return _resolve(value[1:-1], base)
    if kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)  # PN_LOCAL_ESC: g:a\/b is <…a/b>
    return value  # not an IRI we can resolve: the graph check refuses it (or the parser does)


def _resolve(iri: str, base: str | None) -> str:
    return urljoin(base, iri) if base else iri
