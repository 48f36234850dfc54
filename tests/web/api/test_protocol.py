"""The Web Annotation Protocol container at /annotations/: LDP headers, paging, create, read, replace with
If-Match, delete as retraction, token auth and RFC 9457 problems; refusals never change the store."""
import json

import pytest

ARTICLE = "https://w3id.org/claimkb/source/touslestops-sora-article"
MEDIA = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
PASSAGE = "Sora est toujours en phase de recherche"


def note(value="Research preview, not research phase.", **target):
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "motivation": "commenting",
            "body": {"type": "TextualBody", "value": value, "format": "text/plain", "language": "en"},
            "target": {"source": ARTICLE, "selector": {"type": "TextQuoteSelector", "exact": PASSAGE}, **target}}


def send(client, method, path, body, token=None, **headers):
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.open(path, method=method, data=json.dumps(body), headers={"Content-Type": MEDIA, **headers})


@pytest.fixture
def client(app):
    return app.test_client()


def test_the_container_is_an_ldp_basic_container(client):
    response = client.get("/annotations/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == MEDIA
    assert '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"' in response.headers["Link"]
    assert "http://www.w3.org/ns/ldp#constrainedBy" in response.headers["Link"]
    assert response.headers["Allow"] == "GET, POST, HEAD, OPTIONS"
    assert "anno.jsonld" in response.headers["Accept-Post"]
    body = response.json
    assert body["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert "BasicContainer" in body["type"] and "AnnotationCollection" in body["type"]
    assert body["total"] == 42  # the shipped anchors
    first = client.get(body["first"].removeprefix("http://localhost")).json
    assert first["type"] == "AnnotationPage" and len(first["items"]) == 20 and first["startIndex"] == 0
    assert first["next"].endswith("?page=1") and "prev" not in first
    last = client.get(body["last"].removeprefix("http://localhost")).json
    assert len(last["items"]) == 2 and "next" not in last
    anchor = first["items"][0]
    assert anchor["motivation"] == "identifying" and anchor["target"]["source"].startswith("https://w3id.org/claimkb/source/")
    assert {s["type"] for s in anchor["target"]["selector"]} == {"TextQuoteSelector", "TextPositionSelector"}
    assert client.get("/annotations/?page=9").status_code == 404


def test_create_read_replace_delete(client, tokens, kb):
    response = send(client, "POST", "/annotations/", note(), tokens["anna"])
    assert response.status_code == 201, response.get_data(as_text=True)
    location, tag = response.headers["Location"], response.headers["ETag"]
    path = location.removeprefix("http://localhost")
    assert path.startswith("/annotations/note/")
    created = response.json
    assert created["id"] == location and created["creator"] == "https://w3id.org/claimkb/agent/factchecker-anna"
    position = next(s for s in created["target"]["selector"] if s["type"] == "TextPositionSelector")
    text = str(kb.select("annotate/source-text", source=__import__("rdflib").URIRef(ARTICLE))[0]["text"])
    assert text[position["start"]:position["end"]] == PASSAGE
    # readers see it, and so do the article and claim pages
    got = client.get(path)
    assert got.status_code == 200 and got.headers["ETag"] == tag and got.json["body"]["value"] == created["body"]["value"]
    assert "Research preview, not research phase." in client.get("/claim/sora-still-in-research-phase").get_data(as_text=True)
    # replace: If-Match required, stale refused, current accepted
    assert send(client, "PUT", path, note("Changed"), tokens["anna"]).status_code == 428
    before = kb.export("nq")
    stale = send(client, "PUT", path, note("Changed"), tokens["anna"], **{"If-Match": '"0000"'})
    assert stale.status_code == 412 and stale.content_type == "application/problem+json"
    assert kb.export("nq") == before
    replaced = send(client, "PUT", path, note("Changed"), tokens["anna"], **{"If-Match": tag})
    assert replaced.status_code == 200 and replaced.headers["ETag"] != tag
    assert client.get(path).json["body"]["value"] == "Changed"
    again = send(client, "PUT", path, note("Again"), tokens["anna"], **{"If-Match": tag})
    assert again.status_code == 412
    # delete is a retraction: 204, then 410, and the history keeps both versions
    assert client.delete(path, headers={"Authorization": f"Bearer {tokens['anna']}"}).status_code == 204
    assert client.get(path).status_code == 410
    unit = "https://w3id.org/claimkb/graph/" + path.removeprefix("/annotations/")
    assert unit.encode() in kb.export("nq")


def test_writes_need_a_valid_token(client, tokens, accounts, kb):
    before = kb.export("nq")
    anonymous = send(client, "POST", "/annotations/", note())
    assert anonymous.status_code == 401 and anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    assert anonymous.content_type == "application/problem+json"
    assert send(client, "POST", "/annotations/", note(), "ckb_00000000_forged").status_code == 401
    accounts.revoke_token(tokens["rita"])
    assert send(client, "POST", "/annotations/", note(), tokens["rita"]).status_code == 401
    assert kb.export("nq") == before


def test_only_the_creator_or_an_editor_changes_an_annotation(client, tokens, kb):
    path = send(client, "POST", "/annotations/", note(), tokens["anna"]).headers["Location"].removeprefix("http://localhost")
    tag = client.get(path).headers["ETag"]
    before = kb.export("nq")
    forbidden = send(client, "PUT", path, note("Not mine"), tokens["rita"], **{"If-Match": tag})
    assert forbidden.status_code == 403
    assert client.delete(path, headers={"Authorization": f"Bearer {tokens['rita']}"}).status_code == 403
    assert kb.export("nq") == before
    assert client.delete(path, headers={"Authorization": f"Bearer {tokens['eddie']}"}).status_code == 204


def test_a_claim_anchor_is_read_only_here(client, tokens, kb):
    path = "/annotations/anchor/sora-still-in-research-phase"
    response = client.get(path)
    assert response.status_code == 200 and response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json["body"] == "https://w3id.org/claimkb/claim/sora-still-in-research-phase"
    before = kb.export("nq")
    assert client.delete(path, headers={"Authorization": f"Bearer {tokens['eddie']}"}).status_code == 405
    assert kb.export("nq") == before


def test_refused_annotations_are_problem_details_with_the_shape_messages(client, tokens, kb):
    before = kb.export("nq")
    wrong_quote = note(selector=[{"type": "TextPositionSelector", "start": 0, "end": 5},
                                 {"type": "TextQuoteSelector", "exact": "Nothing like the text"}])
    response = send(client, "POST", "/annotations/", wrong_quote, tokens["anna"])
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    problem = response.json
    assert problem["type"].endswith("/shape-violation") and problem["status"] == 422
    assert [v["message_en"] for v in problem["violations"]] == [
        "The exact text of the anchor (oa:exact) is not what the document says between its start and end "
        "positions: recompute the selectors from the document's text."]
    assert problem["violations"][0]["message_fr"].startswith("Le texte exact de l’ancre")
    empty = send(client, "POST", "/annotations/", note(""), tokens["anna"])
    assert empty.status_code == 422
    assert empty.json["violations"][0]["path"] == "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
    not_a_claim = dict(note(), motivation="identifying", body="https://w3id.org/claimkb/agent/openai")
    response = send(client, "POST", "/annotations/", not_a_claim, tokens["anna"])
    assert response.status_code == 422
    assert any("must have that claim as its body" in v["message_en"] for v in response.json["violations"])
    unreadable = send(client, "POST", "/annotations/", {"type": "Annotation", "target": {"source": "https://nowhere.example/"}}, tokens["anna"])
    assert unreadable.status_code == 422 and unreadable.json["type"].endswith("/bad-annotation")
    wrong_type = client.post("/annotations/", data="hello", headers={"Content-Type": "text/plain",
                                                                    "Authorization": f"Bearer {tokens['anna']}"})
    assert wrong_type.status_code == 415
    assert kb.export("nq") == before


def test_an_extra_anchor_for_an_existing_claim(client, tokens):
    body = dict(note(), motivation="identifying", body="https://w3id.org/claimkb/claim/sora-still-in-research-phase")
    response = send(client, "POST", "/annotations/", body, tokens["anna"])
    assert response.status_code == 201
    assert "/annotations/anchor/" in response.headers["Location"]


def test_a_browser_session_writes_with_its_csrf_header(app, kb):
    from tests.web.annotate.conftest import csrf, login
    client = app.test_client()
    login(client, "anna")
    before = kb.export("nq")
    assert send(client, "POST", "/annotations/", note()).status_code == 400  # no CSRF header
    assert kb.export("nq") == before
    token = csrf(client, "/annotate/")
    response = send(client, "POST", "/annotations/", note(), **{"X-CSRF-Token": token})
    assert response.status_code == 201
