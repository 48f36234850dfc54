"""Editors manage the fact-checkers' accounts: list them, add one (with a first password the editor
chooses: there is never a default), change a role, remove a user, revoke API tokens.

The rules are ``kb.accounts``' (names, roles, password length, never leaving no editor); this module only
turns their refusals into messages next to the field, in the interface language, with the input kept.
Who may come here is ``web.auth.PERMISSIONS["manage_users"]``.
"""
from datetime import datetime, timezone

from flask import abort, g, render_template, request, url_for

from kb.accounts import ROLES, AccountError
from web.annotate import blueprint
from web.annotate.common import done
from web.annotate.forms import FormErrors
from web.annotate.messages import t
from web.auth import accounts, require

# AccountError.reason -> the form field its message goes next to (None: the top of the page)
FIELDS = {"bad_name": "name", "user_exists": "name", "bad_display_name": "display_name", "bad_role": "role",
          "short_password": "password", "last_editor": None}


def page(values=None, errors=None, status=200, row_errors=None):
    """The list of users and tokens, the add form; ``row_errors``: user name -> messages of a refused change."""
    store = accounts()
    tokens = {}
    for token in store.tokens():
        token["created"] = datetime.fromtimestamp(token["created"], timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        tokens.setdefault(token["user"], []).append(token)
    return render_template("annotate/users.html", users=store.users(), tokens=tokens, roles=ROLES,
                           role_options=[(role, t(f"role_{role}")) for role in ROLES],
                           values=values or {"role": "annotator"}, errors=errors or FormErrors(),
                           row_errors=row_errors or {}), status


def message(error: AccountError) -> str:
    """The refusal in the interface language (the CLI's English text when there is no translation)."""
    return t(f"account_{error.reason}") if error.reason in FIELDS else str(error)


@blueprint.get("/users")
@require("manage_users")
def users():
    return page()


@blueprint.post("/users/new")
@require("manage_users")
def add_user():
    # The passwords are never sent back into the page; the rest of the input is kept.
    values = {key: request.form.get(key, "").strip() for key in ("name", "display_name", "role")}
    password = request.form.get("password", "")
    errors = FormErrors()
    if password != request.form.get("password_again", ""):
        errors.add("password", t("passwords_differ"))
    else:
        try:
            accounts().add_user(values["name"], password, values["role"], values["display_name"] or None)
        except AccountError as error:
            errors.add(FIELDS.get(error.reason), message(error))
    if errors:
        return page(values, errors, 422)
    return done(url_for("annotate.users"), "user_added")


@blueprint.post("/users/<name>/role")
@require("manage_users")
def change_role(name):
    return change(name, lambda store: store.set_role(name, request.form.get("role", "")), "role_changed")


@blueprint.post("/users/<name>/remove")
@require("manage_users")
def remove_user(name):
    return change(name, lambda store: store.remove_user(name), "user_removed")


def change(name: str, action, success: str):
    """Run ``action`` on the accounts; a refusal shows the page again with the message by the user's row."""
    store = accounts()
    if store.user(name) is None:
        abort(404, f"There is no user {name}.")
    try:
        action(store)
    except AccountError as error:
        return page(row_errors={name: [message(error)]}, status=422)
    if name == g.user.name:
        # Their own role or account changed: their session has ended, so the workspace would ask to sign in.
        return done(url_for("auth.login") if success == "role_changed" else "/", success)
    return done(url_for("annotate.users"), success)


@blueprint.post("/tokens/<token_id>/revoke")
@require("manage_users")
def revoke_token(token_id):
    if not any(token["id"] == token_id and not token["revoked"] for token in accounts().tokens()):
        abort(404, f"There is no active token {token_id}.")
    accounts().revoke_token(token_id)
    return done(url_for("annotate.users"), "token_revoked")

