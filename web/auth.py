"""Who is asking and what they may do, in one place: login and logout, sessions, API tokens, roles, CSRF,
and the login rate limit.

Accounts live outside the RDF dataset (``kb/accounts``): the data directory's SQLite file, or a
PostgreSQL database that the workers of several machines share. A
browser signs in with a password and gets a signed session cookie (HttpOnly, SameSite=Lax, Secure unless
the settings say the server is plain-HTTP loopback); an API client sends ``Authorization: Bearer <token>``.
Every change of a user's password or role (or their removal) ends their sessions at the next request,
because the session holds the account's generation and every request reads the account again.

Readers need no account. What each role may do is the table ``PERMISSIONS``; views ask ``require(action)``
or ``allowed(action)``, never a role by name.
"""
import functools
import hmac
import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import (Blueprint, abort, current_app, g, redirect, render_template, request, session,
                   url_for)
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from kb.accounts import Accounts, User, location

blueprint = Blueprint("auth", __name__)

# action -> the least role that may do it (roles in kb.accounts.ROLES order: each includes the previous)
PERMISSIONS = {
    "annotate": "annotator",   # add sources, claims, links, notes; edit them; write and submit draft reviews
    "review": "reviewer",      # write reviews as such, move them to in review or published
    "retract": "editor",       # retract any unit of work
    "manage_users": "editor",
}
LOGIN_WINDOW = 15 * 60  # seconds over which failed logins are counted
LOGIN_LIMIT = 5         # failures per account name, and per client address, within the window
SESSION_HOURS = 8
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
# Blueprints whose unsafe requests change accounts or the KB on behalf of a signed-in user.
CSRF_BLUEPRINTS = ("auth", "annotate", "api")


class Unauthorized(HTTPException):
    code = 401
    description = "Sign in, or send an API token (Authorization: Bearer ...)."


class TooManyAttempts(HTTPException):
    code = 429
    description = "Too many failed sign-ins; wait a few minutes and try again."


def init_app(app, settings: dict):
    """Accounts, secret key and cookie settings, the login routes, and the per-request user.

    Accounts: the ``ACCOUNTS_DB`` setting (a file, or a postgresql:// URL), else ``CLAIMKB_ACCOUNTS_DB``,
    else ``STORE_DIR/accounts.sqlite3``. On PostgreSQL, the KB's writes to a remote store take a lock
    that every worker of every machine shares (held around the checks and the update of a commit), so
    that two workers cannot both pass the checks of writes to the same claim."""
    directory = settings.get("STORE_DIR")
    where = location(settings.get("ACCOUNTS_DB"), directory)
    database = Accounts(where) if where else None
    app.extensions["claimkb_accounts"] = database
    kb = app.extensions["claimkb"]
    update_url = getattr(kb.store, "update_url", None)  # a remote store: other processes write to it too
    shared_lock = database.write_lock(update_url) if database and update_url else None
    if shared_lock is not None:
        kb.write_lock = shared_lock
    app.secret_key = settings.get("SECRET_KEY") or _secret_key(directory)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.get("SESSION_COOKIE_SECURE", True),
        SESSION_COOKIE_NAME="claimkb_session",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
    )
    app.before_request(load_user)
    app.before_request(check_csrf)
    app.context_processor(lambda: {"current_user": g.get("user"), "allowed": allowed,
                                   "csrf_field": csrf_field, "csrf_token": csrf_token})
    app.register_blueprint(blueprint)


def _secret_key(directory) -> bytes:
    """The data directory's key (made once, mode 0600), so sessions survive a restart; else a random one."""
    if not directory:
        return secrets.token_bytes(32)
    path = Path(directory) / "secret_key"
    Path(directory).mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as out:
        key = secrets.token_bytes(32)
        out.write(key)
    return key


def accounts() -> Accounts | None:
    return current_app.extensions.get("claimkb_accounts")


# -- who is asking -------------------------------------------------------------------------------------

def load_user():
    g.user, g.by_token = None, False
    store = accounts()
    if store is None:
        return
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer ") and request.blueprint == "api":
        g.user = store.user_for_token(header.removeprefix("Bearer ").strip())
        g.by_token = True
        if g.user is None:
            raise Unauthorized("This API token is not valid (unknown or revoked).")
        return
    name = session.get("user")
    if name:
        user = store.user(name)
        if user is None or user.generation != session.get("generation"):
            session.clear()  # removed, or password or role changed since this session began
        else:
            g.user = user


def allowed(action: str) -> bool:
    user: User | None = g.get("user")
    return user is not None and user.can(PERMISSIONS[action])


def require(action: str):
    """A view decorator: the request's user must be allowed ``action`` (401/redirect to login, else 403)."""
    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            check(action)
            return view(*args, **kwargs)
        return wrapper
    return decorate


def check(action: str):
    if g.get("user") is None:
        if request.blueprint == "api" or g.get("by_token"):
            raise Unauthorized()
        abort(redirect(url_for("auth.login", next=request.full_path.rstrip("?"))))
    if not allowed(action):
        abort(403, f"Your role ({g.user.role}) may not do this; it needs {PERMISSIONS[action]} or above.")


# -- CSRF ----------------------------------------------------------------------------------------------

def csrf_token() -> str:
    if CSRF_FIELD not in session:
        session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return session[CSRF_FIELD]


def csrf_field() -> Markup:
    return Markup(f'<input type="hidden" name="{CSRF_FIELD}" value="{csrf_token()}">')


def check_csrf():
    """Unsafe requests from a browser session must carry the session's token (form field or header).
    Token-authenticated API requests carry no cookie, so they cannot be forged cross-site."""
    if request.method not in UNSAFE or request.blueprint not in CSRF_BLUEPRINTS or g.get("by_token"):
        return
    given = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER, "")
    expected = session.get(CSRF_FIELD)
    if not expected or not hmac.compare_digest(given, expected):
        if request.blueprint == "api" and g.get("user") is None:
            raise Unauthorized()
        abort(400, "The form is out of date or was not sent from claimkb (CSRF check): reload the page and try again.")


# -- login and logout ----------------------------------------------------------------------------------

def safe_next(target: str | None, default: str | None = None) -> str:
    """Only local paths: a link must not send people to another site, nor carry a header (CR, LF)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target \
            and target.isprintable():
        return target
    return default or url_for("annotate.dashboard")


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    store = accounts()
    if store is None:
        abort(404, "This server has no accounts (no data directory).")
    error, name, status = None, "", 200
    if request.method == "POST":
        name = request.form.get("name", "").strip().lower()
        keys = (f"name:{name}", f"addr:{request.remote_addr}")
        if any(store.failures(key, LOGIN_WINDOW) >= LOGIN_LIMIT for key in keys):
            error, status = "login_throttled", 429
        else:
            user = store.authenticate(name, request.form.get("password", ""))
            if user is None:
                for key in keys:
                    store.record_failure(key, LOGIN_WINDOW)
                error, status = "login_failed", 401
            else:
                store.clear_failures(keys[0])
                session.clear()  # a new session: no fixation
                session.permanent = True
                session.update(user=user.name, generation=user.generation)
                csrf_token()
                return redirect(safe_next(request.args.get("next")), 303)
    response = current_app.make_response(
        (render_template("auth/login.html", error=error, name=name, next=request.args.get("next", "")), status))
    if status == 429:
        response.headers["Retry-After"] = str(LOGIN_WINDOW)
    return response


@blueprint.post("/logout")
def logout():
    session.clear()
    return redirect("/", 303)
