"""``claimkb user ...`` and ``claimkb token ...``: accounts and API tokens (``kb/accounts``).

They work on the data directory's SQLite file, or on the PostgreSQL database of ``CLAIMKB_ACCOUNTS_DB``,
so they also work while ``claimkb serve`` (or workers on other machines) use it.
Passwords are read from stdin (one line; prompted without echo on a terminal), never from arguments,
which other users of the machine could read in the process list.
"""
import getpass
import sys

from kb.accounts import ENVIRONMENT, ROLES, AccountError, Accounts, AccountsUnavailable
from kb.connect import store_dir

COMMANDS = ("user", "token")


def add_parsers(commands, common):
    user = commands.add_parser("user", help="manage fact-checkers' accounts (roles: "
                                                              + ", ".join(ROLES) + ")")
    actions = user.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", parents=[common], help="add a user; the password is read from stdin")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--display-name", help="the name shown on reviews (default: NAME)")
    passwd = actions.add_parser("passwd", parents=[common], help="set a user's password (read from stdin)")
    passwd.add_argument("name")
    role = actions.add_parser("role", parents=[common], help="change a user's role")
    role.add_argument("name")
    role.add_argument("role", choices=ROLES)
    remove = actions.add_parser("remove", parents=[common], help="remove a user and their tokens")
    remove.add_argument("name")
    actions.add_parser("list", parents=[common], help="list users and roles")

    token = commands.add_parser("token", help="API tokens for the Web Annotation Protocol")
    token_actions = token.add_subparsers(dest="action", required=True)
    create = token_actions.add_parser("create", parents=[common],
                                      help="create a token for a user; printed once, on the last line")
    create.add_argument("name")
    create.add_argument("--label", default="", help="what the token is for")
    revoke = token_actions.add_parser("revoke", parents=[common], help="revoke a token (the token or its id)")
    revoke.add_argument("token")
    listing = token_actions.add_parser("list", parents=[common], help="list tokens (ids, never the tokens)")
    listing.add_argument("name", nargs="?")


def read_password(prompt: str = "Password: ") -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Again: ") != first:
            raise AccountError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def run(args) -> int:
    """Run a ``user`` or ``token`` command; exit code 0 done, 1 refused, 2 the database cannot be used."""
    try:
        accounts = Accounts.in_directory(store_dir(args.store))
        if args.command == "user":
            if args.action == "add":
                user = accounts.add_user(args.name, read_password(), args.role, args.display_name)
                print(f"claimkb: added {user.name} ({user.role})", file=sys.stderr)
            elif args.action == "passwd":
                accounts.set_password(args.name, read_password())
                print(f"claimkb: changed the password of {args.name}; their sessions end", file=sys.stderr)
            elif args.action == "role":
                accounts.set_role(args.name, args.role)
                print(f"claimkb: {args.name} is now {args.role}", file=sys.stderr)
            elif args.action == "remove":
                accounts.remove_user(args.name)
                print(f"claimkb: removed {args.name} (their work stays in the KB, attributed)", file=sys.stderr)
            elif args.action == "list":
                for user in accounts.users():
                    print(f"{user.name}\t{user.role}\t{user.display_name}")
        else:
            if args.action == "create":
                token_id, token = accounts.create_token(args.name, args.label)
                print(f"claimkb: token {token_id} for {args.name}; it is shown only now:", file=sys.stderr)
                print(token)
            elif args.action == "revoke":
                accounts.revoke_token(args.token)
                print("claimkb: revoked", file=sys.stderr)
            elif args.action == "list":
                for row in accounts.tokens(args.name):
                    state = "revoked" if row["revoked"] else "active"
                    print(f"{row['id']}\t{row['user']}\t{state}\t{row['label']}")
    except AccountError as error:
        print(f"claimkb: {error}", file=sys.stderr)
        return 1
    except AccountsUnavailable as error:
        print(f"claimkb: {error}; nothing was changed (check {ENVIRONMENT}, or the data directory)",
              file=sys.stderr)
        return 2
    return 0
