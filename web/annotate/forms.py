"""Form input in, field errors out: parsing what people type, and placing the shapes' messages next to
the field they concern (``Violation.path`` and focus node -> form field).

Only what cannot become RDF at all (a URL with spaces, a date that is not a date) is refused here; every
rule about the data is the shapes', and their messages are shown as they are, in the reader's language.
"""
import re
from datetime import date
from html.parser import HTMLParser

from flask import g
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF

from kb.namespaces import BASE, CITO, CKB, OA, SCHEMA
from web.annotate.messages import t

URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

# form -> (path -> field) for violations whose focus is the form's main resource
FIELDS = {
    "source": {SCHEMA.headline: "headline", SCHEMA.text: "text", SCHEMA.inLanguage: "language",
               SCHEMA.publisher: "publisher", SCHEMA.url: "url", SCHEMA.datePublished: "date_published"},
    "claim": {SCHEMA.text: "text", SCHEMA.author: "claimant", SCHEMA.appearance: "passage",
              SCHEMA.firstAppearance: "first_appearance", CKB.presentedAs: "presented_as", SCHEMA.about: "about",
              CITO.repliesTo: "other", CITO.disputes: "other", CITO.supports: "other", CKB.contradicts: "other"},
    "review": {SCHEMA.reviewBody: "body", SCHEMA.citation: "evidence", SCHEMA.datePublished: "date_published",
               CKB.status: "status", SCHEMA.reviewRating: "verdict", SCHEMA.itemReviewed: None,
               SCHEMA.claimReviewed: None, SCHEMA.author: None},
    "note": {OA.motivatedBy: "motivation", OA.hasBody: "note_text", RDF.value: "note_text",
             DCTERMS.language: "note_text"},
}
# The same field for a violation of the form's other nodes: the rating, the anchor, new agents, evidence.
PARTS = {"rating": "verdict", "body": "note_text", "target": "passage", "quote": "passage", "position": "passage"}


class FormErrors(dict):
    """field -> messages; ``None`` holds the messages that belong to no field."""

    def add(self, field, message: str):
        self.setdefault(field, [])
        if message not in self[field]:
            self[field].append(message)

    def general(self) -> list[str]:
        return self.get(None, [])


def message(violation) -> str:
    return violation.message_fr if g.get("lang") == "fr" else violation.message_en


def place(violations, form: str, draft, agent_field: str | None = None) -> FormErrors:
    """The violations of a refused write, each next to its field."""
    errors = FormErrors()
    main = str(draft.resource)
    new_agents = {str(s) for graph in draft.extra.values() for s in graph.subjects()}
    for violation in violations:
        focus, path = violation.focus, URIRef(violation.path) if violation.path else None
        field = None
        if focus == main:
            field = FIELDS[form].get(path, None)
            if field is None and path is None and form == "claim":
                field = "other"  # a claim related to itself
        elif focus.startswith(main + "#"):
            field = PARTS.get(focus.rsplit("#", 1)[1])
        elif focus.startswith(str(BASE["anchor/"])) or "#" in focus and focus.rsplit("#", 1)[1] in PARTS:
            field = "passage"
        elif focus in new_agents:
            field = agent_field
        elif form == "review":
            field = "evidence"
        errors.add(field, message(violation))
    return errors


# -- parsing ---------------------------------------------------------------------------------------------

def url(value: str, errors: FormErrors, field: str) -> str:
    value = value.strip()
    if value and not URL.match(value):
        errors.add(field, t("invalid_url"))
        return ""
    return value


def day(value: str, errors: FormErrors, field: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        errors.add(field, t("invalid_date"))
        return ""


def language(value: str, errors: FormErrors, field: str) -> str:
    value = value.strip()
    if value and not LANGUAGE.match(value):
        errors.add(field, t("invalid_language"))
        return ""
    return value


def number(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def choice(value: str, allowed, errors: FormErrors, field: str):
    """One of ``allowed`` (IRIs as text); empty is None."""
    value = (value or "").strip()
    if not value:
        return None
    if value not in {str(a) for a in allowed}:
        errors.add(field, t("unknown_choice"))
        return None
    return URIRef(value)


class _Text(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
              "blockquote", "header", "footer", "table", "ul", "ol"}
    SKIP = {"script", "style", "noscript", "template", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: paragraphs separated by blank lines, scripts and styles dropped."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
