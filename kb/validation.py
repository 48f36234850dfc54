"""Validation of data against the shapes: whole graphs here, single writes in :mod:`kb.incremental`.

A violation is a value with plain-words messages (English and French), so that the CLI, the forms and
the API can show it next to the field it concerns.
"""
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal
from rdflib.namespace import SH

import shapes
from kb import vocabulary


@cache
def _pyshacl():
    """pySHACL and rdflib's SPARQL engine, imported at the first validation: 0.1 to 0.4 s (on a quiet or
    a busy machine) that ``claimkb serve`` would otherwise pay before its first page, which validates
    nothing."""
    import pyshacl

    from kb import shacl_processor, sparql_cache
    sparql_cache.install()
    return pyshacl, shacl_processor


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    value: str | None
    shape: str
    component: str
    message_en: str
    message_fr: str
    severity: str

    @property
    def key(self):
        """What identifies a violation across data graphs (shape blank nodes come from one shapes graph)."""
        return (self.focus, self.path, self.value, self.shape, self.component, self.message_en)

    def __str__(self) -> str:
        where = f" ({self.path.rsplit('/', 1)[-1].rsplit('#', 1)[-1]})" if self.path else ""
        return f"{self.focus}{where}: {self.message_en}"


def _messages(report: Graph, result) -> tuple[str, str]:
    by_language: dict[str | None, str] = {}
    for message in report.objects(result, SH.resultMessage):
        language = message.language if isinstance(message, Literal) else None
        by_language.setdefault(language, str(message))
    english = by_language.get("en") or by_language.get(None) or next(iter(by_language.values()), "")
    return english, by_language.get("fr", english)


def _term(value) -> str | None:
    return None if value is None else str(value)


def violations_in(report: Graph) -> list[Violation]:
    """The results of a pySHACL report graph, sorted."""
    found = []
    for result in report.subjects(SH.focusNode, None):
        english, french = _messages(report, result)
        found.append(Violation(
            focus=str(report.value(result, SH.focusNode)),
            path=_term(report.value(result, SH.resultPath)),
            value=_term(report.value(result, SH.value)),
            shape=str(report.value(result, SH.sourceShape)),
            component=str(report.value(result, SH.sourceConstraintComponent)),
            message_en=english,
            message_fr=french,
            severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
        ))
    return sorted(set(found), key=lambda v: tuple(part or "" for part in v.key))


def validate(data: Graph, focus_nodes: set | None = None, vocabulary_graph: Graph | None = None
             ) -> list[Violation]:
    """Every violation of the shapes in ``data``, read together with ``vocabulary_graph`` (default: the
    whole vocabulary, for its class hierarchy and verdict scheme).

    With ``focus_nodes``, only the violations of those nodes, found by :mod:`kb.shacl_processor` (the rest
    of ``data`` is context). Without, ``pyshacl.validate`` itself: the reference the other must equal.
    pySHACL's own ``focus_nodes`` option is not used: with it, pySHACL 0.40 skips the checks nested in
    sh:or / sh:and / qualified shapes, so "a person or an organization" would pass unchecked.
    """
    pyshacl, shacl_processor = _pyshacl()
    graph = data + (vocabulary.graph() if vocabulary_graph is None else vocabulary_graph)
    if focus_nodes is not None:
        return violations_in(shacl_processor.report(graph, set(focus_nodes)))
    _conforms, report, _text = pyshacl.validate(
        graph,
        shacl_graph=shapes.load(),
        inference=None,
        allow_warnings=True,
    )
    if not isinstance(report, Graph):  # pySHACL could not run the shapes: a bug of ours, not of the data
        raise RuntimeError(f"the shapes could not be run: {report}")
    return violations_in(report)
