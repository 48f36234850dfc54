"""Relation graphs: around a claim, or of a story (a source and its claims), drawn on the server as an SVG of
claims and their claimants with typed edges (replies to, disputes, supports, contradicts, author), each node a
link, and given again as a list (the text alternative).

The drawing is an arc diagram, which needs no layout engine and no JavaScript: claims are rows of one column
(a story's claims in reading order, then the claims they relate to elsewhere; around a claim: the claim, then
the claims one and two relations away), relations are arcs on the right from one row to another, labelled at
their apex, and claimants are a column on the left, each beside its claims, joined to them by author edges.

``/relations/claim/<slug>`` and ``/relations/source/<slug>`` are pages; with ``.svg`` they are the drawing alone.
"""
from dataclasses import dataclass, field

from flask import Response, g, render_template
from rdflib import URIRef

from kb.namespaces import CITO, CKB, SCHEMA
from web.browse import blueprint
from web.browse.records import record, records, verdict
from web.i18n import pick

RELATIONS = {CITO.repliesTo: "repliesTo", CITO.disputes: "disputes", CITO.supports: "supports",
             CKB.contradicts: "contradicts"}
SYMMETRIC = {"contradicts"}
MAX_CLAIMS = 60  # a graph stops growing here (a story's own claims are always drawn, up to this many)
DEPTH = 2  # around a claim: the claims this many relations away

# Geometry (SVG user units, about CSS pixels).
ROW, BOX = 40, 30  # a claim's row, and the height of its box
TOP, BOTTOM = 44, 16
AGENT_X, AGENT_W = 8, 172
CLAIM_X, CLAIM_W = 262, 490
ARC_FIRST, LANE, ARC_MAX = 30, 17, 420  # arcs: the nearest lane, the gap between lanes, the farthest
CHAR = 6.3  # average width of a character of 12-unit text, to cut long texts
LABEL_CHAR, LABEL_H, BADGE_CHAR = 5.9, 13, 7.0  # edge labels; verdict badges (bold)


@dataclass
class Node:
    iri: URIRef
    kind: str  # "claim" or "agent"
    text: object = None  # a literal (claims: their text; agents: their name)
    verdict: object = None
    claimant: URIRef | None = None
    number: int | None = None  # place in the story's reading order
    focus: bool = False
    core: bool = True  # a claim of the story (or the claim itself); False: a claim it relates to
    x: float = 0
    y: float = 0
    width: float = 0
    shown: str = ""  # the text as drawn (cut to fit)


@dataclass
class Edge:
    source: URIRef
    relation: str  # a key of RELATIONS' values, or "author"
    target: URIRef
    path: str = ""
    label_x: float = 0
    label_y: float = 0
    label_shown: bool = True


@dataclass
class Drawing:
    title: str
    claims: list[Node] = field(default_factory=list)
    agents: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    width: float = 0
    height: float = 0

    def node(self, iri) -> Node | None:
        return next((n for n in self.claims + self.agents if n.iri == iri), None)


# -- what is drawn -----------------------------------------------------------------------------------

class Collector:
    """Claims, their claimants, and the relations among them, gathered from claim-relations.rq rows."""

    def __init__(self):
        self.claims: dict = {}
        self.agents: dict = {}
        self.edges: dict = {}  # (source, relation, target) -> Edge

    def add_claim(self, iri, texts, claimant, claimant_names, verdicts, **flags) -> bool:
        if iri in self.claims:
            return False
        if len(self.claims) >= MAX_CLAIMS:
            return False
        self.claims[iri] = Node(iri, "claim", pick(texts), verdict(verdicts[0]) if verdicts else None,
                                claimant, **flags)
        if claimant is not None and claimant not in self.agents:
            self.agents[claimant] = Node(claimant, "agent", pick(claimant_names) or str(claimant).rsplit("/", 1)[-1])
        return True

    def relate(self, claim, rows) -> list:
        """Add the claims related to ``claim`` and the relations; the claims that were new."""
        new = []
        for other in records(rows, "other"):
            if self.add_claim(other.one("other"), other.all("otherText"), other.one("otherClaimant"),
                              other.all("otherClaimantName"), other.all("otherVerdict"), core=False):
                new.append(other.one("other"))
        for row in rows:
            self.link(claim, row)
        return new

    def link(self, claim, row):
        other, relation = row["other"], RELATIONS.get(row["relation"])
        if relation is None or claim not in self.claims or other not in self.claims:
            return
        source, target = (claim, other) if str(row["direction"]) == "out" else (other, claim)
        if relation in SYMMETRIC:
            source, target = sorted((source, target), key=str)
        self.edges.setdefault((source, relation, target), Edge(source, relation, target))

    def drawing(self, title: str) -> "Drawing":
        edges = list(self.edges.values())
        edges += [Edge(c.iri, "author", c.claimant) for c in self.claims.values() if c.claimant is not None]
        return layout(Drawing(title, list(self.claims.values()), list(self.agents.values()), edges))


def claim_graph(claim) -> Drawing | None:
    found = record(g.kb.select("browse/claim-summary", claim=claim))
    if found is None:
        return None
    collector = Collector()
    collector.add_claim(claim, found.all("text"), found.one("claimant"), found.all("claimantName"),
                        found.all("verdict"), focus=True)
    frontier = [claim]
    for _ in range(DEPTH):
        frontier = [new for current in frontier
                    for new in collector.relate(current, g.kb.select("browse/claim-relations", claim=current))]
    for current in frontier:  # the relations among the claims of the last round
        for row in g.kb.select("browse/claim-relations", claim=current):
            collector.link(current, row)
    return collector.drawing(str(pick(found.all("text")) or claim))


def source_graph(source) -> Drawing | None:
    info = record(g.kb.select("browse/source", source=source))
    if info is None:
        return None
    collector = Collector()
    anchored = records(g.kb.select("browse/source-anchors", source=source), "claim")
    appearing = [c for c in records(g.kb.select("browse/claims-mentioning", resource=source), "claim")
                 if SCHEMA.appearance in c.all("how")]
    for number, claim in enumerate(anchored, start=1):
        collector.add_claim(claim.one("claim"), claim.all("text"), claim.one("claimant"),
                            claim.all("claimantName"), claim.all("verdict"), number=number)
    for claim in appearing:
        summary = record(g.kb.select("browse/claim-summary", claim=claim.one("claim")))
        collector.add_claim(claim.one("claim"), claim.all("text"), summary.one("claimant") if summary else None,
                            claim.all("claimantName"), claim.all("verdict"))
    story = list(collector.claims)
    for claim in story:
        collector.relate(claim, g.kb.select("browse/claim-relations", claim=claim))
    return collector.drawing(str(pick(info.all("title")) or source))


# -- where it is drawn -------------------------------------------------------------------------------

def cut(text: str, width: float, char: float = CHAR) -> str:
    room = max(4, int(width / char))
    return text if len(text) <= room else text[:room - 1].rstrip() + "…"


def place(x: float, y: float, width: float, placed: list, must: bool):
    """Where a label of ``width`` goes near (x, y) without covering a label already placed; None if nowhere
    and the label may be left out (``must`` False)."""
    for dy in (0, -LABEL_H, LABEL_H, -2 * LABEL_H, 2 * LABEL_H):
        box = (x, y + dy - LABEL_H + 3, x + width, y + dy + 3)
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            placed.append(box)
            return x, y + dy
    return (x, y) if must else None


def layout(drawing: Drawing) -> Drawing:
    from web.browse.messages import translate
    rows = {claim.iri: number for number, claim in enumerate(drawing.claims)}
    for number, claim in enumerate(drawing.claims):
        claim.x, claim.y, claim.width = CLAIM_X, TOP + number * ROW, CLAIM_W
        badge = (claim.verdict.label if claim.verdict else translate("no_review"))
        prefix = f"{claim.number}. " if claim.number else ""
        claim.shown = cut(prefix + str(claim.text or claim.iri), CLAIM_W - 36 - (len(badge) + 2) * BADGE_CHAR)
    last_row = TOP + max(0, len(drawing.claims) - 1) * ROW
    for agent in drawing.agents:  # beside its claims, then pushed apart
        ys = [claim.y for claim in drawing.claims if claim.claimant == agent.iri]
        agent.y = sum(ys) / len(ys) if ys else TOP
        agent.x, agent.width, agent.shown = AGENT_X, AGENT_W, cut(str(agent.text), AGENT_W - 24)
    drawing.agents.sort(key=lambda a: (a.y, str(a.text)))
    for before, agent in zip(drawing.agents, drawing.agents[1:]):
        agent.y = max(agent.y, before.y + ROW)
    if drawing.agents and drawing.agents[-1].y > last_row:
        shift = min(drawing.agents[-1].y - last_row, drawing.agents[0].y - TOP)
        for agent in drawing.agents:
            agent.y -= shift

    placed, right, widest = [], CLAIM_X + CLAIM_W, CLAIM_X + CLAIM_W
    arcs = sorted((e for e in drawing.edges if e.relation != "author" and e.source != e.target),
                  key=lambda e: (abs(rows[e.source] - rows[e.target]), min(rows[e.source], rows[e.target])))
    lanes: list = []  # (first row, last row, lane): arcs that share a row never share a lane
    for edge in arcs:
        first, last = sorted((rows[edge.source], rows[edge.target]))
        lane = 1 + max([n for (a, b, n) in lanes if a <= last and first <= b], default=0)
        lanes.append((first, last, lane))
        reach = min(ARC_FIRST + LANE * (lane - 1), ARC_MAX)
        y1, y2 = TOP + rows[edge.source] * ROW + BOX / 2, TOP + rows[edge.target] * ROW + BOX / 2
        control = right + reach / 0.75  # a cubic with both control points there peaks at right + reach
        edge.path = f"M{right},{y1:.0f} C{control:.0f},{y1:.0f} {control:.0f},{y2:.0f} {right},{y2:.0f}"
        # The label runs down the arc's apex, over its own line, where no other arc passes (rotated in the
        # template: its glyphs then stand to the right of the baseline, so the baseline is set left of the apex).
        edge.label_x, edge.label_y = right + reach - 4, (y1 + y2) / 2
        widest = max(widest, edge.label_x + LABEL_H)
    agents = {agent.iri: agent for agent in drawing.agents}
    claims = {claim.iri: claim for claim in drawing.claims}
    for edge in (e for e in drawing.edges if e.relation == "author"):
        claim, agent = claims[edge.source], agents[edge.target]
        x1, y1, x2, y2 = CLAIM_X, claim.y + BOX / 2, AGENT_X + AGENT_W, agent.y + BOX / 2
        edge.path = f"M{x1},{y1:.0f} C{x1 - 40},{y1:.0f} {x2 + 40},{y2:.0f} {x2},{y2:.0f}"
        width = len(translate("edge_author")) * LABEL_CHAR
        spot = place(x1 - 6 - width, y1 - 3, width, placed, must=False)
        edge.label_shown = spot is not None
        if spot:
            edge.label_x, edge.label_y = spot
    drawing.width = widest + 16
    drawing.height = max([last_row + ROW] + [a.y + ROW for a in drawing.agents]) + BOTTOM
    return drawing


# -- pages -------------------------------------------------------------------------------------------

def serve(kind: str, slug: str, build):
    from kb.namespaces import BASE
    from web.browse.resources import not_found
    slug, alone = (slug[:-len(".svg")], True) if slug.endswith(".svg") else (slug, False)
    iri = BASE[f"{kind}/{slug}"]
    drawing = build(iri)
    if drawing is None:
        return not_found(str(iri))
    nodes = {node.iri: node for node in drawing.claims + drawing.agents}
    if alone:
        svg = render_template("browse/_graph.svg.html", drawing=drawing, nodes=nodes, standalone=True)
        return Response(svg, mimetype="image/svg+xml")
    return render_template("browse/relations.html", drawing=drawing, nodes=nodes, subject=iri, kind=kind,
                           svg_path=f"/relations/{kind}/{slug}.svg")


@blueprint.get("/relations/claim/<path:slug>")
def claim_relations(slug):
    return serve("claim", slug, claim_graph)


@blueprint.get("/relations/source/<path:slug>")
def source_relations(slug):
    return serve("source", slug, source_graph)
