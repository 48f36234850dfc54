"""Rows of a query grouped into records: SPARQL gives one row per combination of values (a text in two
languages, two citations...), a page wants one record per resource with every value of each field."""
from flask import g
from rdflib import Literal, URIRef

from kb.namespaces import BASE, CKB, SCHEMA
from web.browse import messages
from web.i18n import pick


class Record(dict):
    """Field name -> the distinct values it took, in the order the rows gave them."""

    def one(self, field):
        values = self.get(field)
        return values[0] if values else None

    def all(self, field):
        return self.get(field, [])

    def text(self, field, lang=None):
        """The value of ``field`` in the reader's language (or the best one there is)."""
        return pick(self.get(field, []), lang)

    def number(self, field):
        value = self.one(field)
        return int(value) if value is not None else None


def records(rows: list[dict], key: str) -> list[Record]:
    """One Record per distinct value of ``key``, in the order of first appearance."""
    grouped: dict = {}
    for row in rows:
        record = grouped.setdefault(row.get(key), Record())
        for field, value in row.items():
            values = record.setdefault(field, [])
            if value not in values:
                values.append(value)
    return list(grouped.values())


def record(rows: list[dict]) -> Record | None:
    """All rows as one record (the rows of one resource), or None when there are none."""
    found = records(rows, key="__none__")
    return found[0] if rows else None


# How a verdict looks: a mark beside its label (never colour alone) and a CSS class for its colour.
VERDICT_MARKS = {
    "True": "✓", "MostlyTrue": "✓", "Mixture": "◐", "Misleading": "!", "MostlyFalse": "✗", "False": "✗",
    "Unproven": "?", "NotACheckableClaim": "—", "Misquoted": "❞",
}


class Verdict:
    def __init__(self, iri: URIRef, labels: list, definitions: list, scale=None):
        self.iri = iri
        self.name = str(iri).removeprefix(str(CKB)) if str(iri).startswith(str(CKB)) else "Other"
        self.labels, self.definitions, self.scale = labels, definitions, scale

    @property
    def label(self):
        return str(pick(self.labels) or self.name)

    @property
    def definition(self):
        return str(pick(self.definitions) or "")

    @property
    def mark(self):
        return VERDICT_MARKS.get(self.name, "•")

    @property
    def css(self):
        return "v-" + self.name.lower()


def vocabulary() -> dict:
    """The vocabulary's own terms (labels, definitions, scale values), once per request (the rows are kept
    until the next write)."""
    if "vocabulary" not in g:
        from web.browse import results
        terms = {}
        for term in records(results.shared("browse/vocabulary-labels"), key="term"):
            terms[term.one("term")] = term
        g.vocabulary = terms
    return g.vocabulary


def verdict(iri) -> Verdict | None:
    if iri is None:
        return None
    term = vocabulary().get(iri, Record())
    return Verdict(iri, term.all("label"), term.all("definition"), term.number("scale"))


def term_label(iri) -> str:
    """The label of a vocabulary term (ckb:, or a schema.org class we know) in the reader's language."""
    term = vocabulary().get(iri)
    if term is not None and term.all("label"):
        return str(term.text("label"))
    text = str(iri)
    local = text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    if text == str(SCHEMA) + local and local in messages.SCHEMA_CLASSES:
        return messages.translate(f"schema_{local}")
    return local


def latest_verdict(record: Record, verdict_field="verdict", date_field="date") -> Verdict | None:
    """The verdict of a record that lists several (one per review): rows come newest first where it matters,
    so the first is taken; a record with none gives None."""
    values = record.all(verdict_field)
    return verdict(values[0]) if values else None


def slug(iri, kind: str) -> str:
    return str(iri).removeprefix(str(BASE) + kind + "/")


def is_literal(term) -> bool:
    return isinstance(term, Literal)
