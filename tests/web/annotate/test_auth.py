"""Accounts, sessions, roles and CSRF over real HTTP requests (Flask's client) on a real on-disk store."""
import pytest

from tests import backends
from tests.web.annotate.conftest import PASSWORD, csrf, login
from web import create_app


def test_there_is_no_default_account(app, kb):
    before = kb.export("nq")
    client = app.test_client()
    for name, password in [("admin", "admin"), ("admin", "password"), ("root", "")]:
        response = login(client, name, password)
        assert response.status_code == 401
        assert "Wrong user name or password." in response.get_data(as_text=True)
    assert kb.export("nq") == before


def test_login_starts_a_session_with_safe_cookie_flags(kb, data_dir, accounts):
    app = create_app({"KB": kb, "ACCOUNTS_DB": backends.accounts_db(data_dir), "SECRET_KEY": "s"})
    client = app.test_client()
    response = login(client, "anna")
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie


def test_the_secret_key_is_made_once_in_the_data_directory(tmp_path):
    from web.auth import _secret_key
    first = _secret_key(tmp_path)
    assert _secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_login_is_rate_limited(app):
    client = app.test_client()
    for _ in range(5):
        assert login(client, "anna", "wrong password").status_code == 401
    throttled = login(client, "anna", PASSWORD)  # even the right password, for a while
    assert throttled.status_code == 429
    assert throttled.headers["Retry-After"]
    assert "Too many failed attempts" in throttled.get_data(as_text=True)


def test_login_refuses_a_form_without_its_csrf_token(app):
    client = app.test_client()
    client.get("/login")
    response = client.post("/login", data={"name": "anna", "password": PASSWORD})
    assert response.status_code == 400


def test_login_redirects_only_to_local_paths(app):
    client = app.test_client()
    token = csrf(client)
    response = client.post("/login?next=//evil.example/x", data={"name": "anna", "password": PASSWORD,
                                                                  "csrf_token": token})
    assert response.headers["Location"] == "/annotate/"
    client = app.test_client()
    token = csrf(client)
    response = client.post("/login?next=/annotate/sources/new", data={"name": "anna", "password": PASSWORD,
                                                                       "csrf_token": token})
    assert response.headers["Location"] == "/annotate/sources/new"


def test_readers_are_sent_to_the_login(app):
    client = app.test_client()
    response = client.get("/annotate/sources/new")
    assert response.status_code == 302 and "/login?next=/annotate/sources/new" in response.headers["Location"]
    assert client.get("/claim/sora-still-in-research-phase").status_code == 200


def test_posts_without_the_session_csrf_token_change_nothing(signed_in, kb):
    client = signed_in("eddie")
    before = kb.export("nq")
    response = client.post("/annotate/retract", data={"iri": "https://w3id.org/claimkb/claim/sora-still-in-research-phase"})
    assert response.status_code == 400
    response = client.post("/annotate/retract", data={"iri": "https://w3id.org/claimkb/claim/sora-still-in-research-phase",
                                                      "csrf_token": "forged"})
    assert response.status_code == 400
    assert kb.export("nq") == before


def test_a_password_or_role_change_ends_the_session(signed_in, accounts):
    client = signed_in("anna")
    assert client.get("/annotate/").status_code == 200
    accounts.set_role("anna", "reviewer")
    assert client.get("/annotate/").status_code == 302
    client = signed_in("anna")
    accounts.set_password("anna", "another long password")
    assert client.get("/annotate/").status_code == 302


def test_logout(signed_in):
    client = signed_in("anna")
    token = csrf(client, "/annotate/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/annotate/").status_code == 302


@pytest.mark.parametrize("name,status", [("anna", 403), ("rita", 403), ("eddie", 303)])
def test_only_editors_retract(signed_in, kb, name, status):
    client = signed_in(name)
    token = csrf(client, "/annotate/")
    before = kb.export("nq")
    response = client.post("/annotate/retract", data={
        "iri": "https://w3id.org/claimkb/review/sora-still-in-research-phase", "csrf_token": token})
    assert response.status_code == status
    assert (kb.export("nq") == before) == (status == 403)
