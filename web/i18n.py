"""The interface in English and French: messages, the reader's language, dates, and the best literal.

The language is ``?lang=`` (remembered in a cookie), else the cookie, else the best match of
``Accept-Language``, else English. Data in both languages (claim texts, review bodies, labels) is shown in
the reader's language when the KB has it, else in whichever language it has.
"""
from datetime import date, datetime

from flask import g, request
from rdflib import Literal

LANGUAGES = ("en", "fr")
COOKIE = "claimkb_lang"

MESSAGES = {
    "tagline": ("Fact-checked claims from the news, anchored to the passage that states them.",
                "Des affirmations de presse vérifiées, ancrées dans le passage qui les énonce."),
    "home": ("Home", "Accueil"), "claims": ("Claims", "Affirmations"), "timeline": ("Timeline", "Chronologie"),
    "vocabulary": ("Vocabulary", "Vocabulaire"), "search": ("Search", "Rechercher"),
    "search_placeholder": ("Search claims and reviews", "Chercher dans les affirmations et vérifications"),
    "skip": ("Skip to content", "Aller au contenu"), "language": ("Language", "Langue"),
    "sources": ("Sources", "Sources"), "reviews": ("Reviews", "Vérifications"), "agents": ("Agents", "Acteurs"),
    "events": ("Events", "Événements"), "latest_reviews": ("Latest reviews", "Dernières vérifications"),
    "verdict_distribution": ("Verdicts", "Verdicts"), "in_numbers": ("In numbers", "En chiffres"),
    "all_claims": ("All claims", "Toutes les affirmations"),
    "claim": ("Claim", "Affirmation"), "claimant": ("Claimant", "Auteur de l’affirmation"),
    "appears_in": ("Appears in", "Paraît dans"), "first_appearance": ("First appearance", "Première apparition"),
    "presented_as": ("Presented as", "Présentée comme"), "about": ("About", "Sujets"),
    "in_context": ("The passage in its context", "Le passage dans son contexte"),
    "see_in_article": ("See it highlighted in the article", "Voir le passage surligné dans l’article"),
    "see_in_original": ("Find it in the original", "Le retrouver dans l’original"),
    "characters": ("characters", "caractères"),
    "verdict": ("Verdict", "Verdict"), "reasons": ("Why", "Pourquoi"), "evidence": ("Evidence", "Sources citées"),
    "reviewed_by": ("Reviewed by", "Vérifié par"), "published_on": ("published", "publiée le"),
    "no_review": ("Not reviewed yet", "Pas encore vérifiée"),
    "relations": ("Related claims", "Affirmations liées"),
    "history": ("History of verdicts", "Historique des verdicts"),
    "current": ("current", "en vigueur"), "retired": ("retired", "retirée"),
    "made_at": ("made", "faite le"), "by": ("by", "par"),
    "misquote_flag": ("Misquote: the quoted source does not contain these words as quoted.",
                      "Citation déformée : la source citée ne contient pas ces mots tels qu’ils sont rapportés."),
    "quote_unverified": ("Presented as a direct quote.", "Présentée comme une citation directe."),
    "rel_out_http://purl.org/spar/cito/repliesTo": ("Replies to", "Répond à"),
    "rel_in_http://purl.org/spar/cito/repliesTo": ("Replied to by", "Réponses reçues"),
    "rel_out_http://purl.org/spar/cito/disputes": ("Disputes", "Conteste"),
    "rel_in_http://purl.org/spar/cito/disputes": ("Disputed by", "Contestée par"),
    "rel_out_http://purl.org/spar/cito/supports": ("Supports", "Soutient"),
    "rel_in_http://purl.org/spar/cito/supports": ("Supported by", "Soutenue par"),
    "rel_out_https://w3id.org/claimkb#contradicts": ("Contradicts", "Contredit"),
    "rel_in_https://w3id.org/claimkb#contradicts": ("Contradicted by", "Contredite par"),
    "article": ("Article", "Article"), "claims_in_article": ("Claims in this article, in reading order",
                                                            "Affirmations de cet article, dans l’ordre de lecture"),
    "publisher": ("Publisher", "Éditeur"), "author": ("Author", "Auteur"), "date": ("Date", "Date"),
    "original": ("Original", "Original"), "language_of": ("Language", "Langue"),
    "stored_text": ("The stored text", "Le texte conservé"),
    "how_to_read": ("Highlighted passages are claims; the label after each gives its verdict. Follow a passage to its claim.",
                    "Les passages surlignés sont des affirmations ; l’étiquette qui suit chacun donne son verdict. Suivez un passage vers son affirmation."),
    "claims_about": ("Claims about it", "Affirmations qui en parlent"),
    "claims_appearing": ("Claims appearing here", "Affirmations qui y paraissent"),
    "claimed": ("What they claimed, by time", "Ce qu’ils ont affirmé, dans le temps"),
    "claimed_about": ("What was claimed about them", "Ce qui a été affirmé à leur sujet"),
    "replies": ("Their replies", "Leurs réponses"), "replies_to": ("replies to:", "répond à :"),
    "did": ("Events, works and reviews", "Événements, œuvres et vérifications"),
    "works_for": ("Works for", "Travaille pour"), "job_title": ("Role", "Fonction"),
    "role_http://schema.org/organizer": ("organised", "a organisé"),
    "role_http://schema.org/author": ("wrote", "a écrit"),
    "role_http://schema.org/publisher": ("published", "a publié"),
    "start": ("Start", "Début"), "end": ("End", "Fin"), "organizer": ("Organised by", "Organisé par"),
    "cited": ("Sources", "Sources"), "type": ("Type", "Type"),
    "filters": ("Filters", "Filtres"), "clear": ("Clear all", "Tout effacer"), "remove": ("remove", "retirer"),
    "facet_verdict": ("Verdict", "Verdict"), "facet_claimant": ("Claimant", "Auteur"),
    "facet_source": ("Source", "Source"), "facet_event": ("Event", "Événement"),
    "facet_presentedAs": ("Presented as", "Présentée comme"), "facet_language": ("Language", "Langue"),
    "sort": ("Sort", "Trier"), "sort_reading": ("reading order", "ordre de lecture"),
    "sort_date": ("latest review", "vérification la plus récente"),
    "sort_verdict": ("most true first", "les plus vraies d’abord"),
    "sort_false": ("least true first", "les moins vraies d’abord"),
    "apply": ("Apply", "Appliquer"),
    "results": ("{n} claims", "{n} affirmations"), "result": ("1 claim", "1 affirmation"),
    "no_results": ("No claim matches. Try fewer words or remove a filter.",
                   "Aucune affirmation ne correspond. Essayez moins de mots ou retirez un filtre."),
    "page_of": ("Page {page} of {pages}", "Page {page} sur {pages}"),
    "previous": ("Previous", "Précédente"), "next": ("Next", "Suivante"),
    "not_found": ("Not found", "Introuvable"),
    "not_found_text": ("claimkb knows nothing about this resource:", "claimkb ne connaît pas cette ressource :"),
    "did_you_mean": ("Did you mean", "Vouliez-vous dire"),
    "not_found_help": ("Search the claims, or browse them all.", "Cherchez dans les affirmations, ou parcourez-les toutes."),
    "bad_request": ("Bad request", "Requête incorrecte"),
    "statements": ("Statements", "Énoncés"), "pointing_here": ("Pointing here", "Liens entrants"),
    "formats": ("This page as data", "Cette page en données"),
    "unit_of_work": ("Unit of work", "Unité de travail"), "provenance": ("Provenance", "Provenance"),
    "revision_of": ("Revises", "Révise"), "invalidated": ("Retired", "Retirée le"),
    "vocab_intro": ("The terms of claimkb (prefix ckb:), the verdict scale with its mappings to other scales, and example queries.",
                    "Les termes de claimkb (préfixe ckb:), l’échelle de verdicts et ses correspondances, et des exemples de requêtes."),
    "verdict_scale": ("The verdict scale", "L’échelle de verdicts"), "scale": ("Scale", "Échelle"),
    "mappings": ("Mappings", "Correspondances"), "terms": ("Terms", "Termes"),
    "example_queries": ("Example queries", "Exemples de requêtes"), "outside_scale": ("outside the scale", "hors échelle"),
    "footer": ("claimkb: data under the vocabulary contract; every page is also data (Turtle, JSON-LD).",
               "claimkb : données selon le contrat de vocabulaire ; chaque page existe aussi en données (Turtle, JSON-LD)."),
    "english": ("English", "English"), "french": ("Français", "Français"),
    "text_fr": ("As stated (French)", "Telle qu’énoncée (français)"),
    "text_en": ("In English", "En anglais"), "text_other": ("Text", "Texte"),
    "view_all": ("View all", "Tout voir"), "resource": ("Resource", "Ressource"),
}

MONTHS = {"en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"],
          "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                 "octobre", "novembre", "décembre"]}


def choose_language() -> str:
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(LANGUAGES) or "en"


def translate(key: str, **values) -> str:
    """The message ``key`` in the reader's language (the key itself if it has no message: visible, not fatal)."""
    pair = MESSAGES.get(key)
    text = key if pair is None else pair[LANGUAGES.index(g.get("lang", "en"))]
    return text.format(**values) if values else text


def pick(literals, lang: str | None = None):
    """The literal in ``lang`` (default: the reader's), else English, else one without a language, else any."""
    literals = [term for term in literals if term is not None]
    if not literals:
        return None
    lang = lang or g.get("lang", "en")
    for wanted in (lang, "en", None):
        for term in literals:
            if isinstance(term, Literal) and term.language == wanted:
                return term
    return literals[0]


def in_language(literals, lang: str):
    """The literal in exactly ``lang``, or None."""
    for term in literals:
        if isinstance(term, Literal) and term.language == lang:
            return term
    return None


def format_date(term, with_time: bool = False) -> str:
    """A date (or dateTime) literal as people write it in the reader's language; a time keeps its zone."""
    if term is None:
        return ""
    value = term.toPython() if isinstance(term, Literal) else term
    if isinstance(value, datetime):
        day = _day(value.date())
        if not with_time:
            return day
        zone = value.strftime("%z")
        zone = f" UTC{zone[:3]}:{zone[3:]}" if zone else ""
        clock = value.strftime("%H:%M") if g.get("lang") == "en" else value.strftime("%H h %M")
        return f"{day}, {clock}{zone}"
    if isinstance(value, date):
        return _day(value)
    return str(term)


def _day(value: date) -> str:
    lang = g.get("lang", "en")
    month = MONTHS[lang][value.month - 1]
    return f"{value.day} {month} {value.year}"
