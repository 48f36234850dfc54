"""Editors manage users in the web app (``/annotate/users``), over real HTTP against a real ``claimkb serve``
on a copy of the shipped KB: who may come, every action, CSRF on every form, refusals that keep the input,
and the rule that the last editor stays an editor."""
import re
import urllib.parse

import pytest

from tests.reliability.client import Client
from tests.web.annotate.served import serve

USERS_PAGE = "/annotate/users"
# eddie is the only editor when the module starts; each test works on its own users besides him
USERS = {"anna": "annotator", "rita": "reviewer", "eddie": "editor", "otto": "annotator", "olga": "reviewer",
         "tess": "annotator"}


@pytest.fixture(scope="module")
def served(shipped_dir, tmp_path_factory):
    with serve(shipped_dir, tmp_path_factory, USERS, tokens=("tess", "otto")) as server:
        yield server


def post(client: Client, path: str, form: dict):
    return client.post(path, form={**form, "csrf_token": client.csrf(USERS_PAGE)})


def field_value(html: str, name: str) -> str:
    found = re.search(rf'<input id="f-{name}" name="{name}" type="\w+" value="([^"]*)"', html)
    assert found, f"no input {name}"
    return found.group(1)


def test_readers_are_sent_to_the_login(served):
    reply = served.client().get(USERS_PAGE)
    assert reply.status == 302
    assert reply.header("Location").endswith("/login?next=" + urllib.parse.quote(USERS_PAGE, safe="/"))


@pytest.mark.parametrize("name", ["anna", "rita"])
def test_annotators_and_reviewers_may_not_manage_users(served, name):
    client = served.client(name)
    assert client.get(USERS_PAGE).status == 403
    assert 'id="manage-users"' not in client.get("/annotate/").text
    token = client.csrf("/annotate/")
    before = served.accounts()
    for path, form in [(f"{USERS_PAGE}/new", {"name": "mallory", "role": "editor", "password": "a long password",
                                               "password_again": "a long password"}),
                       (f"{USERS_PAGE}/{name}/role", {"role": "editor"}),
                       (f"{USERS_PAGE}/eddie/remove", {}),
                       ("/annotate/tokens/" + served.tokens["tess"].split("_")[1] + "/revoke", {})]:
        reply = client.post(path, form={**form, "csrf_token": token})
        assert reply.status == 403, (path, reply)
    assert served.accounts() == before
    assert served.client(token=served.tokens["tess"]).get("/annotations/").status == 200


def test_every_form_carries_the_csrf_token_and_needs_it(served):
    eddie = served.client("eddie")
    page = eddie.get(USERS_PAGE)
    assert page.status == 200
    forms = re.findall(r"<form\b[^>]*method=\"post\".*?</form>", page.text, re.S)
    assert len(forms) >= 2 * len(USERS) + 1  # a role form and a remove form per user, the add form, revokes
    assert all('name="csrf_token"' in form for form in forms)
    before = served.accounts()
    for path, form in [(f"{USERS_PAGE}/new", {"name": "mallory", "role": "editor", "password": "a long password",
                                               "password_again": "a long password"}),
                       (f"{USERS_PAGE}/otto/role", {"role": "editor"}),
                       (f"{USERS_PAGE}/otto/remove", {})]:
        assert eddie.post(path, form=form).status == 400
        assert eddie.post(path, form={**form, "csrf_token": "forged"}).status == 400
    assert served.accounts() == before


def test_an_editor_lists_users_and_their_tokens(served):
    html = served.client("eddie").get(USERS_PAGE).text
    for name, role in USERS.items():
        row = re.search(rf'<tr id="user-{name}">.*?</tr>', html, re.S).group(0)
        assert re.search(rf'<option value="{role}" selected>', row)
    tess = re.search(r'<tr id="user-tess">.*?</tr>', html, re.S).group(0)
    assert served.tokens["tess"].split("_")[1] in tess
    assert served.tokens["tess"] not in html  # the token itself is shown once, at creation, never again


def test_an_editor_adds_a_user_who_can_then_sign_in(served):
    reply = post(served.client("eddie"), f"{USERS_PAGE}/new",
                 {"name": "nina", "display_name": "Nina Dupré", "role": "reviewer",
                  "password": "her first password", "password_again": "her first password"})
    assert reply.status == 303 and reply.header("Location").endswith(USERS_PAGE)
    assert served.accounts()["nina"] == "reviewer"
    nina = Client(served.url)
    assert nina.login("nina", "her first password").status == 303
    assert "Nina Dupré" in nina.get("/annotate/").text


@pytest.mark.parametrize("form,field,message", [
    ({"name": "Bad Name!", "role": "annotator"}, "name", "A user name is 1 to 40 characters"),
    ({"name": "anna", "role": "annotator"}, "name", "There is already a user with this name."),
    ({"name": "newbie", "role": "admin"}, "role", "Pick one of the roles offered."),
    ({"name": "newbie", "role": "annotator", "password": "short", "password_again": "short"}, "password",
     "A password has at least 8 characters."),
    ({"name": "newbie", "role": "annotator", "password_again": "something else"}, "password",
     "The two passwords differ."),
    ({"name": "newbie", "role": "annotator", "password": "", "password_again": ""}, "password",
     "A password has at least 8 characters."),
    ({"name": "newbie", "display_name": "two\nlines", "role": "annotator"}, "display_name",
     "A display name is 1 to 80 printable characters."),
])
def test_bad_input_keeps_the_input_with_a_message(served, form, field, message):
    form = {"display_name": "Someone Élu", "password": "a long password", "password_again": "a long password", **form}
    before = served.accounts()
    reply = post(served.client("eddie"), f"{USERS_PAGE}/new", form)
    assert reply.status == 422, reply
    errors = re.findall(rf'<p class="field-error" id="error-{field}-\d+" data-field="{field}">([^<]*)</p>',
                        reply.text)
    assert any(error.startswith(message) for error in errors), (errors, reply.text[-3000:])
    assert field_value(reply.text, "name") == form["name"]
    if field != "display_name":
        assert field_value(reply.text, "display_name") == form["display_name"]
    assert field_value(reply.text, "password") == ""  # passwords never come back in a page
    assert served.accounts() == before


def test_messages_follow_the_interface_language(served):
    eddie = served.client("eddie")
    eddie.get("/?lang=fr")
    reply = post(eddie, f"{USERS_PAGE}/new", {"name": "anna", "role": "annotator", "password": "a long password",
                                              "password_again": "a long password"})
    assert reply.status == 422
    assert "Il existe déjà un utilisateur de ce nom." in reply.text


def test_an_editor_changes_a_role_and_the_users_session_ends(served):
    otto = served.client("otto")
    assert otto.get("/annotate/").status == 200
    reply = post(served.client("eddie"), f"{USERS_PAGE}/otto/role", {"role": "reviewer"})
    assert reply.status == 303
    assert served.accounts()["otto"] == "reviewer"
    assert otto.get("/annotate/").status == 302  # signed out: the role changed
    refused = post(served.client("eddie"), f"{USERS_PAGE}/otto/role", {"role": "admin"})
    assert refused.status == 422 and "Pick one of the roles offered." in refused.text
    assert served.accounts()["otto"] == "reviewer"


def test_an_editor_removes_a_user_and_their_tokens_and_sessions(served):
    olga = served.client("olga")
    assert olga.get("/annotate/").status == 200
    reply = post(served.client("eddie"), f"{USERS_PAGE}/olga/remove", {})
    assert reply.status == 303
    assert "olga" not in served.accounts()
    assert olga.get("/annotate/").status == 302
    assert Client(served.url).login("olga").status == 401
    assert post(served.client("eddie"), f"{USERS_PAGE}/olga/remove", {}).status == 404


def test_an_editor_revokes_a_token(served):
    token = served.tokens["otto"]
    assert served.client(token=token).get("/annotations/").status == 200
    token_id = token.split("_")[1]
    eddie = served.client("eddie")
    reply = post(eddie, f"/annotate/tokens/{token_id}/revoke", {})
    assert reply.status == 303
    assert served.client(token=token).get("/annotations/").status == 401
    assert post(eddie, f"/annotate/tokens/{token_id}/revoke", {}).status == 404  # already revoked
    row = re.search(r'<tr id="user-otto">.*?</tr>', eddie.get(USERS_PAGE).text, re.S).group(0)
    assert "revoked" in row and f"/annotate/tokens/{token_id}/revoke" not in row


def test_the_last_editor_can_neither_leave_nor_be_demoted(served):
    assert [name for name, role in served.accounts().items() if role == "editor"] == ["eddie"]
    eddie = served.client("eddie")
    for path, form in [(f"{USERS_PAGE}/eddie/role", {"role": "reviewer"}), (f"{USERS_PAGE}/eddie/remove", {})]:
        reply = post(eddie, path, form)
        assert reply.status == 422, reply
        row = re.search(r'<tr id="user-eddie">.*?</tr>', reply.text, re.S).group(0)
        assert "This is the last editor: make another user an editor first." in row
    assert served.accounts()["eddie"] == "editor"
    # With a second editor, eddie may step down; then the second one is the last.
    assert post(eddie, f"{USERS_PAGE}/rita/role", {"role": "editor"}).status == 303
    assert post(eddie, f"{USERS_PAGE}/eddie/role", {"role": "reviewer"}).status == 303
    assert eddie.get(USERS_PAGE).status == 302  # his session ended with the change
    rita = served.client("rita")
    assert post(rita, f"{USERS_PAGE}/rita/remove", {}).status == 422
    assert post(rita, f"{USERS_PAGE}/eddie/role", {"role": "editor"}).status == 303
    assert post(served.client("eddie"), f"{USERS_PAGE}/rita/role", {"role": "reviewer"}).status == 303
    assert served.accounts()["eddie"] == "editor" and served.accounts()["rita"] == "reviewer"
