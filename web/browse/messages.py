"""The readers' messages added since ``web/i18n.py`` (which holds the rest, and the language choice), in English
and French; ``translate`` looks here first, then there."""
from flask import g

from web import i18n

MESSAGES = {
    "facet_several": ("Tick several values of a filter: claims with any of them. Filters combine: claims that pass each.",
                      "Cochez plusieurs valeurs d’un filtre : les affirmations qui ont l’une d’elles. Les filtres se "
                      "cumulent : les affirmations qui passent chacun."),
    "facet_full": ("At most {n} values: remove one to add another.", "{n} valeurs au plus : retirez-en une pour en ajouter une autre."),
    "facet_cut": ("{facet}: only the first {n} values asked are used.", "{facet} : seules les {n} premières valeurs demandées sont prises en compte."),
    "chosen_remove": ("chosen; follow to remove", "choisi ; suivre pour retirer"),
    "relation_graph": ("Relation graph", "Graphe des relations"),
    "graph_of_claim": ("Relation graph of this claim", "Graphe des relations de cette affirmation"),
    "graph_of_source": ("Relation graph of this story", "Graphe des relations de cet article"),
    "graph_intro_claim": ("The claim, the claims up to two relations away, and who made each.",
                          "L’affirmation, les affirmations jusqu’à deux relations de distance, et leurs auteurs."),
    "graph_intro_source": ("The claims of this source in reading order, the claims they relate to elsewhere, and who made each.",
                           "Les affirmations de cette source dans l’ordre de lecture, celles d’ailleurs auxquelles elles sont liées, et leurs auteurs."),
    "graph_desc": ("{claims} claims and {agents} claimants, {relations} relations between claims. Claims are rows; "
                   "arcs on the right join related claims; lines on the left join each claim to its author. "
                   "The same graph follows as a list.",
                   "{claims} affirmations et {agents} auteurs, {relations} relations entre affirmations. Les affirmations "
                   "sont des lignes ; les arcs à droite relient les affirmations liées ; à gauche, chaque affirmation est "
                   "reliée à son auteur. Le même graphe suit sous forme de liste."),
    "graph_key": ("Key", "Légende"), "graph_as_list": ("The graph as a list", "Le graphe sous forme de liste"),
    "graph_claimants": ("Claimants", "Auteurs"), "graph_claims": ("Claims", "Affirmations"),
    "graph_relations": ("Relations", "Relations"),
    "graph_none": ("No relation between claims here yet.", "Aucune relation entre affirmations ici pour l’instant."),
    "graph_outside": ("dashed: a claim of another source", "en pointillé : une affirmation d’une autre source"),
    "graph_focus": ("bold: this claim", "en gras : cette affirmation"),
    "graph_svg": ("The drawing alone (SVG)", "Le dessin seul (SVG)"),
    "graph_back": ("Back to the page", "Retour à la page"),
    "author_of": ("author of", "auteur de"),
    "edge_repliesTo": ("replies to", "répond à"), "edge_disputes": ("disputes", "conteste"),
    "edge_supports": ("supports", "soutient"), "edge_contradicts": ("contradicts", "contredit"),
    "edge_author": ("author", "auteur"),
}


def translate(key: str, **values) -> str:
    pair = MESSAGES.get(key)
    if pair is None:
        return i18n.translate(key, **values)
    text = pair[i18n.LANGUAGES.index(g.get("lang", "en"))]
    return text.format(**values) if values else text


# Long lists (web/browse/capped.py): the count, the order, the link to the rest; and the highlights in the
# article's text (web/browse/sources.py).
MESSAGES.update({
    "claims_n": ("{n} claims", "{n} affirmations"), "claims_1": ("1 claim", "1 affirmation"),
    "things_n": ("{n} in all", "{n} en tout"), "things_1": ("1 in all", "1 en tout"),
    "see_all": ("see all", "tout voir"),
    "shown_here": ("{shown} listed here", "{shown} ici"),
    "order_reviewed": ("Most recently reviewed first.", "Les plus récemment vérifiées d’abord."),
    "order_latest": ("Latest first.", "Les plus récentes d’abord."),
    "highlight_start": ("highlight:", "surlignage :"), "highlight_end": ("end of highlight", "fin du surlignage"),
    "how_to_read_highlights": ("Passages that fact-checkers highlighted are underlined twice and framed by ⟦ ⟧.",
                               "Les passages surlignés par les vérificateurs sont soulignés deux fois et encadrés "
                               "par ⟦ ⟧."),
})

# The schema.org classes that pages name above a title (an agent's, a source's, an event's kind): readers
# saw "NEWSARTICLE", "CREATIVEWORK", "PERSON" in both languages.
SCHEMA_CLASSES = {
    "Person": ("Person", "Personne"), "Organization": ("Organization", "Organisation"),
    "NewsArticle": ("News article", "Article de presse"), "Article": ("Article", "Article"),
    "CreativeWork": ("Document", "Document"), "Event": ("Event", "Événement"),
    "SoftwareApplication": ("Software", "Logiciel"), "Thing": ("Topic", "Sujet"),
    "Claim": ("Claim", "Affirmation"), "ClaimReview": ("Fact-check", "Vérification"),
}
MESSAGES.update({f"schema_{name}": pair for name, pair in SCHEMA_CLASSES.items()})


def number(n: int) -> str:
    """A count as readers write it: 42,858 in English, 42 858 in French (a narrow no-break space)."""
    text = f"{n:,}"
    return text.replace(",", "\u202f") if g.get("lang", "en") == "fr" else text


def counted(n: int, noun: str) -> str:
    """"42,858 claims", "1 claim", "5 in all"... (``noun``: claims or things)."""
    return translate(f"{noun}_1") if n == 1 else translate(f"{noun}_n", n=number(n))
