"""The annotate flow through its forms: source, claim anchored in a passage, link, review workflow, edits,
retraction, history; every refused write answers 422 with the shape messages by field and changes nothing."""
import re
import unicodedata

from rdflib import Literal, URIRef
from rdflib.namespace import PROV

from kb.namespaces import BASE, CKB, OA, SCHEMA
from tests.web.annotate.conftest import csrf

ARTICLE = "https://w3id.org/claimkb/source/touslestops-sora-article"
PASSAGE = "OpenAI n’a pas encore commenté directement cette fuite"
OPENAI = "https://w3id.org/claimkb/agent/openai"
FALSE = "https://w3id.org/claimkb#False"
TRUE = "https://w3id.org/claimkb#True"


def errors(html: str) -> dict:
    """field -> its messages, as the form shows them."""
    found: dict = {}
    for field, message in re.findall(r'class="field-error" id="error-[^"]+" data-field="([^"]+)">([^<]+)<', html):
        found.setdefault(field, []).append(message.replace("&#39;", "’").replace("&#34;", '"'))
    return found


def claim_form(client, passage=PASSAGE, **extra):
    response = client.get("/annotate/claims/new", query_string={"source": ARTICLE, "passage": passage, **extra})
    html = response.get_data(as_text=True)
    start = re.search(r'name="start" value="(\d*)"', html).group(1)
    end = re.search(r'name="end" value="(\d*)"', html).group(1)
    return response, {"csrf_token": csrf(client, "/annotate/"), "source": ARTICLE, "start": start, "end": end}


def new_claim(client, **fields):
    _, form = claim_form(client)
    form.update({"text": PASSAGE, "text_en": "OpenAI has not commented on the leak yet",
                 "claimant": OPENAI, "presented_as": "Assertion", **fields})
    return client.post("/annotate/claims/new", data=form)


def test_a_source_pasted_as_html_is_stored_as_nfc_text(signed_in, kb):
    client = signed_in("anna")
    decomposed = unicodedata.normalize("NFD", "Le café a été fermé.")
    response = client.post("/annotate/sources/new", data={
        "csrf_token": csrf(client, "/annotate/"), "kind": "NewsArticle", "headline": "Un café", "language": "fr",
        "url": "https://example.org/cafe", "new_publisher": "La Gazette", "date_published": "2026-11-20",
        "text": f"<h1>Titre</h1><p>{decomposed}</p><script>alert(1)</script><p>Deuxième&nbsp;paragraphe.</p>",
        "is_html": "1"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/annotate/source/un-cafe"
    source = BASE["source/un-cafe"]
    graph = kb.graph(BASE["graph/source/un-cafe"])
    text = str(graph.value(source, SCHEMA.text))
    assert text == "Titre\n\nLe café a été fermé.\n\nDeuxième\u00a0paragraphe."
    assert unicodedata.is_normalized("NFC", text)
    assert graph.value(source, SCHEMA.headline) == Literal("Un café", lang="fr")
    publisher = graph.value(source, SCHEMA.publisher)
    assert kb.graph(BASE["graph/agent/la-gazette"]).value(publisher, SCHEMA.name) == Literal("La Gazette")
    # attributed to the fact-checker's own agent, created with the first write
    assert kb.select("annotate/versions", iri=source)[0]["madeBy"] == BASE["agent/factchecker-anna"]
    assert kb.graph(BASE["graph/agent/factchecker-anna"]).value(BASE["agent/factchecker-anna"], SCHEMA.name) \
        == Literal("Anna")


def test_a_claim_is_anchored_where_the_passage_is(signed_in, kb):
    client = signed_in("anna")
    response, _ = claim_form(client)
    assert response.status_code == 200
    response = new_claim(client, about="https://w3id.org/claimkb/event/space-goes-live")
    assert response.status_code == 303
    slug = response.headers["Location"].rsplit("/", 1)[-1]
    claim, anchor = BASE[f"claim/{slug}"], BASE[f"anchor/{slug}"]
    graph = kb.graph(BASE[f"graph/claim/{slug}"])
    text = str(kb.select("annotate/source-text", source=URIRef(ARTICLE))[0]["text"])
    start = text.index(PASSAGE)
    position, quote = URIRef(f"{anchor}#position"), URIRef(f"{anchor}#quote")
    assert int(graph.value(position, OA.start)) == start
    assert int(graph.value(position, OA.end)) == start + len(PASSAGE)
    assert str(graph.value(quote, OA.exact)) == PASSAGE
    assert str(graph.value(quote, OA.prefix)) == text[start - 32:start]
    assert graph.value(anchor, OA.motivatedBy) == OA.identifying and graph.value(anchor, OA.hasBody) == claim
    assert set(graph.objects(claim, SCHEMA.text)) == {Literal(PASSAGE, lang="fr"),
                                                      Literal("OpenAI has not commented on the leak yet", lang="en")}
    assert graph.value(claim, CKB.presentedAs) == CKB.Assertion
    assert graph.value(claim, SCHEMA.about) == BASE["event/space-goes-live"]
    page = client.get(f"/claim/{slug}").get_data(as_text=True)
    assert f'<mark class="passage-mark v-none">{PASSAGE}</mark>' in page


def test_a_refused_claim_shows_each_message_by_its_field_and_keeps_the_input(signed_in, kb):
    client = signed_in("anna")
    before = kb.export("nq")
    letter = "https://w3id.org/claimkb/source/open-letter"
    response = new_claim(client, claimant="", presented_as="", text_en="", text="", first_appearance=letter)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    found = errors(html)
    assert found["claimant"] == ["A claim needs exactly one claimant (schema:author): say who makes the claim "
                                 "(the publisher when the article speaks in its own voice)."]
    assert found["presented_as"][0].startswith("Say how the source presents the claim")
    assert found["text"][0].startswith("A claim needs its text (schema:text)")
    assert re.search(f'<option value="{letter}" selected>', html), "the input is kept"
    assert "Nothing was saved" in html
    assert kb.export("nq") == before


def test_the_messages_come_in_the_interface_language(signed_in, kb):
    client = signed_in("anna")
    client.get("/annotate/?lang=fr")
    response = new_claim(client, claimant="")
    assert response.status_code == 422
    assert errors(response.get_data(as_text=True))["claimant"] == [
        "Une affirmation doit avoir exactement un auteur (schema:author) : indiquez qui fait l’affirmation "
        "(l’éditeur quand l’article parle en son nom)."]


def test_a_passage_that_is_not_in_the_text(signed_in, kb):
    client = signed_in("anna")
    response, form = claim_form(client, passage="OpenAI a commenté la fuite")
    assert response.status_code == 400
    assert "This passage is not in the text" in response.get_data(as_text=True)
    before = kb.export("nq")
    form.update(passage="OpenAI a commenté la fuite", start="", end="", text="x", claimant=OPENAI,
                presented_as="Assertion")
    response = client.post("/annotate/claims/new", data=form)
    assert response.status_code == 422
    assert kb.export("nq") == before


def test_linking_is_a_new_version_of_the_claim(signed_in, kb):
    client = signed_in("anna")
    slug = new_claim(client).headers["Location"].rsplit("/", 1)[-1]
    claim = BASE[f"claim/{slug}"]
    other = "https://w3id.org/claimkb/claim/openai-shared-statement"
    response = client.post(f"/annotate/claim/{slug}/link", data={
        "csrf_token": csrf(client, "/annotate/"), "relation": "contradicts", "other": other})
    assert response.status_code == 303
    assert kb.select("browse/claim-relations", claim=claim)
    provenance = kb.store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/claimkb#provenance> { ?s ?p ?o } }")
    assert (BASE[f"graph/claim/{slug}/v2"], PROV.wasRevisionOf, BASE[f"graph/claim/{slug}"]) in provenance
    assert (BASE[f"graph/claim/{slug}"], PROV.invalidatedAtTime, None) in provenance
    assert (claim, CKB.contradicts, URIRef(other)) in kb.graph(BASE[f"graph/claim/{slug}/v2"])
    # a link to itself is refused by the shapes, next to the "other claim" field
    before = kb.export("nq")
    response = client.post(f"/annotate/claim/{slug}/link", data={
        "csrf_token": csrf(client, "/annotate/"), "relation": "repliesTo", "other": str(claim)})
    assert response.status_code == 422
    assert errors(response.get_data(as_text=True))["other"]
    assert kb.export("nq") == before


def review_form(client, slug, **fields):
    data = {"csrf_token": csrf(client, "/annotate/"), "verdict": FALSE, "body_fr": "OpenAI a répondu le jour même.",
            "body_en": "OpenAI answered the same day.", "evidence_url_1": "https://www.theverge.com/x",
            "evidence_title_1": "The Verge report", "date_published": "2026-11-20", "status": "Draft", **fields}
    return client.post(f"/annotate/claim/{slug}/review", data=data)


def test_the_review_workflow_and_a_disagreement(signed_in, kb):
    anna, rita, remy = signed_in("anna"), signed_in("rita"), signed_in("remy")
    slug = new_claim(anna).headers["Location"].rsplit("/", 1)[-1]
    # an annotator writes a draft (an annotator cannot choose "published")
    response = review_form(anna, slug, status="Published")
    assert response.status_code == 303
    review = kb.select("annotate/claim-reviews", claim=BASE[f"claim/{slug}"])[0]
    assert review["status"] == CKB.Draft
    review_slug = str(review["review"]).rsplit("/", 1)[-1]
    graph = kb.graph(BASE[f"graph/review/{review_slug}"])
    node = review["review"]
    assert graph.value(node, SCHEMA.author) == BASE["agent/factchecker-anna"]
    cited = graph.value(node, SCHEMA.citation)
    assert str(graph.value(cited, SCHEMA.url)) == "https://www.theverge.com/x"
    assert graph.value(cited, SCHEMA.headline) == Literal("The Verge report", lang="en")
    assert graph.value(URIRef(f"{node}#rating"), SCHEMA.alternateName) is not None
    assert "OpenAI answered the same day." not in anna.get(f"/claim/{slug}").get_data(as_text=True)
    # submitted for review; the annotator may not publish
    token = csrf(anna, "/annotate/")
    assert anna.post(f"/annotate/review/{review_slug}/status", data={"csrf_token": token, "status": "InReview"}).status_code == 303
    before = kb.export("nq")
    assert anna.post(f"/annotate/review/{review_slug}/status", data={"csrf_token": token, "status": "Published"}).status_code == 403
    assert kb.export("nq") == before
    # a reviewer publishes
    response = rita.post(f"/annotate/review/{review_slug}/status",
                         data={"csrf_token": csrf(rita, "/annotate/"), "status": "Published"})
    assert response.status_code == 303 and response.headers["Location"] == f"/claim/{slug}"
    page = rita.get(f"/claim/{slug}").get_data(as_text=True)
    assert "OpenAI answered the same day." in page and 'id="disagreement"' not in page
    # a second reviewer disagrees: both reviews stay, the page says they disagree
    response = review_form(remy, slug, verdict=TRUE, status="Published", body_en="It had not, at the time.")
    assert response.status_code == 303
    page = signed_in("anna").get(f"/claim/{slug}").get_data(as_text=True)
    assert 'id="disagreement"' in page and "Rita" in page and "Remy" in page
    assert "OpenAI answered the same day." in page and "It had not, at the time." in page


def test_editing_a_review_keeps_the_evidence_that_only_it_described(signed_in, kb):
    """Regression: the cited document was described in the review's own unit, so the edit (a new version
    citing it by its known URL) left it without url or type, and the shapes refused every such edit."""
    rita = signed_in("rita")
    assert review_form(rita, "sora-still-in-research-phase").status_code == 303
    review = next(r["review"] for r in kb.select("annotate/claim-reviews", claim=BASE["claim/sora-still-in-research-phase"])
                  if r["status"] == CKB.Draft)
    slug = str(review).rsplit("/", 1)[-1]
    response = rita.post(f"/annotate/review/{slug}/edit", data={
        "csrf_token": csrf(rita, "/annotate/"), "verdict": FALSE, "body_fr": "Réécrit.", "status": "Draft",
        "evidence_url_1": "https://www.theverge.com/x", "evidence_title_1": "The Verge report",
        "date_published": "2026-11-20"})
    assert response.status_code == 303, errors(response.get_data(as_text=True))
    current = kb.graph(BASE[f"graph/review/{slug}/v2"])
    cited = current.value(review, SCHEMA.citation)
    assert str(current.value(cited, SCHEMA.url)) == "https://www.theverge.com/x"


def test_a_refused_review_keeps_the_input_and_changes_nothing(signed_in, kb):
    client = signed_in("rita")
    slug = "sora-still-in-research-phase"
    before = kb.export("nq")
    response = review_form(client, slug, body_fr="", body_en="", evidence_url_1="", verdict="",
                           date_published="2099-01-01", evidence_title_1="A report without its address")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    found = errors(html)
    assert found["body"][0].startswith("A review needs its reasoning (schema:reviewBody)")
    assert found["evidence"][0].startswith("A document cited as evidence (schema:citation) needs its web address")
    assert found["date_published"][0].startswith("A review’s publication date (schema:datePublished) is after today")
    assert any(m.startswith("A rating needs exactly one verdict") for m in found["verdict"])
    assert 'value="A report without its address"' in html and 'value="2099-01-01"' in html
    assert kb.export("nq") == before
    response = review_form(client, slug, evidence_url_1="not a url")
    assert response.status_code == 422 and "http://" in errors(response.get_data(as_text=True))["evidence"][0]
    assert kb.export("nq") == before


def test_edit_history_and_retraction(signed_in, kb):
    anna, eddie = signed_in("anna"), signed_in("eddie")
    slug = new_claim(anna).headers["Location"].rsplit("/", 1)[-1]
    form = {"csrf_token": csrf(anna, "/annotate/"), "text": PASSAGE, "text_en": "OpenAI has not said a word yet",
            "claimant": OPENAI, "presented_as": "Assertion"}
    assert anna.get(f"/annotate/claim/{slug}/edit").status_code == 200
    assert anna.post(f"/annotate/claim/{slug}/edit", data=form).status_code == 303
    history = anna.get(f"/annotate/claim/{slug}/history").get_data(as_text=True)
    assert history.count('class="version"') == 2
    assert '<ins>+ ckbr:claim/%s schema:text &#34;OpenAI has not said a word yet&#34;@en</ins>' % slug in history
    assert '<del>− ckbr:claim/%s schema:text &#34;OpenAI has not commented on the leak yet&#34;@en</del>' % slug in history
    assert "Anna" in history
    # a refused edit leaves the current version as it was
    before = kb.export("nq")
    response = anna.post(f"/annotate/claim/{slug}/edit", data={**form, "presented_as": ""})
    assert response.status_code == 422 and kb.export("nq") == before
    # only an editor retracts; the claim leaves the readers' pages, its history stays
    response = eddie.post("/annotate/retract", data={"csrf_token": csrf(eddie, "/annotate/"),
                                                     "iri": str(BASE[f"claim/{slug}"]), "next": "/claims"})
    assert response.status_code == 303
    assert eddie.get(f"/claim/{slug}").status_code == 404
    history = eddie.get(f"/annotate/claim/{slug}/history").get_data(as_text=True)
    assert history.count('class="version"') == 2 and "current" not in history.split('class="versions"')[1].split("</ol>")[0]


def test_the_verdict_as_of_a_day(signed_in, kb):
    client = signed_in("rita")
    page = client.get("/annotate/claim/sora-still-in-research-phase/history?as_of=2026-11-25").get_data(as_text=True)
    assert 'class="as-of"' in page and "True" in page
    page = client.get("/annotate/claim/sora-still-in-research-phase/history?as_of=2020-01-01").get_data(as_text=True)
    assert "Nothing here." in page


def test_notes_on_a_passage_show_on_the_article_and_the_claim(signed_in, kb):
    client = signed_in("anna")
    source_page = "/annotate/source/touslestops-sora-article"
    assert client.get(source_page).status_code == 200
    token = csrf(client, source_page)
    response = client.post("/annotate/notes/new", data={
        "csrf_token": token, "source": ARTICLE, "passage": "Sora est toujours en phase de recherche",
        "motivation": "questioning", "note_text": "Research preview, or research phase?"})
    assert response.status_code == 303
    for path in ("/source/touslestops-sora-article", "/claim/sora-still-in-research-phase"):
        assert "Research preview, or research phase?" in client.get(path).get_data(as_text=True)
    before = kb.export("nq")
    response = client.post("/annotate/notes/new", data={
        "csrf_token": token, "source": ARTICLE, "passage": "Sora est toujours en phase de recherche",
        "motivation": "commenting", "note_text": ""})
    assert response.status_code == 422
    assert errors(response.get_data(as_text=True))["note_text"] == [
        "A note needs exactly one text (rdf:value), not empty: write what you want to say about the passage."]
    assert kb.export("nq") == before
