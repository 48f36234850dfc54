"""``claimkb``: the command line of the knowledge base.

Every command takes ``--store DIR`` (or ``CLAIMKB_STORE``; default ``./var/store``); on an empty store
it first loads the shipped KB. Exit codes: 0 done, 1 refused (data does not conform, query error),
2 usage or environment error (the message says what to do).
"""
import argparse
import sys
from pathlib import Path

from rdflib import Dataset

from kb import cli_accounts, cli_bench, cli_import, output
from kb.connect import open_kb, remote_settings, store_dir
from kb.endpoint import SETTINGS
from kb.knowledgebase import WriteRefused, all_triples
from kb.incremental import check_write
from kb.store import QuerySyntaxError, StoreError

INPUT_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld",
                 ".json": "json-ld", ".rdf": "xml", ".xml": "xml"}


class UsageError(Exception):
    pass


def read_dataset(path: str) -> Dataset:
    suffix = Path(path).suffix.lower()
    if suffix not in INPUT_FORMATS:
        raise UsageError(f"{path}: unknown format; use one of {', '.join(sorted(INPUT_FORMATS))}")
    dataset = Dataset()
    try:
        dataset.parse(path, format=INPUT_FORMATS[suffix])
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except Exception as error:  # rdflib raises many parser-specific types
        raise UsageError(f"{path}: not valid {INPUT_FORMATS[suffix]}: {error}") from None
    return dataset


def cmd_load(kb, args):
    for path in args.files:
        dataset = read_dataset(path)
        change = kb.load(dataset, where=path)
        count = sum(len(g) for g in change.units.values())
        print(f"{path}: loaded {count} triples in {len(change.units)} unit(s) of work", file=sys.stderr)


def cmd_validate(kb, args):
    if not args.files:
        violations = kb.validate_all()
        where = "the store"
    else:
        violations = []
        for path in args.files:
            dataset = read_dataset(path)
            violations += check_write(kb.store, all_triples(dataset))
        where = ", ".join(args.files)
    if violations:
        print(f"{where}: {len(violations)} violation(s)", file=sys.stderr)
        for violation in violations:
            print(f"  - {violation}", file=sys.stderr)
        return 1
    print(f"{where}: conforms", file=sys.stderr)
    return 0


def cmd_query(kb, args):
    if args.file:
        text = Path(args.file).read_text(encoding="utf-8")
    elif args.query:
        text = args.query
    else:
        raise UsageError("give a query, or --file Q.rq")
    result = kb.query(text)
    sys.stdout.write(output.render(result, args.format))


def cmd_export(kb, args):
    sys.stdout.buffer.write(output.export(kb, args.format))


def cmd_restore(kb, args):
    """Put back a backup made by ``claimkb export --format nq|trig``, every graph as it was (provenance and
    the current view included), into an empty store. ``load`` would make new units of work instead."""
    suffix = Path(args.file).suffix.lower()
    if suffix not in (".nq", ".trig"):
        raise UsageError(f"{args.file}: a backup is the .nq or .trig file that claimkb export writes")
    if not kb.store.is_empty():
        raise UsageError("the store is not empty: restore into a new --store directory")
    try:
        data = Path(args.file).read_bytes()
    except OSError as error:
        raise UsageError(f"{args.file}: cannot read it: {error.strerror}") from None
    try:
        kb.store.load(data, suffix[1:])
    except SyntaxError as error:
        raise UsageError(f"{args.file}: not valid {suffix[1:]}: {error}; nothing was restored") from None
    print(f"{args.file}: restored", file=sys.stderr)


def cmd_serve(_kb, args):
    from web.serve import serve
    endpoint = {s.name: getattr(args, s.name.lower()) for s in SETTINGS if getattr(args, s.name.lower()) is not None}
    serve(store_dir(args.store), host=args.host, port=args.port, remote=remote_settings(args), settings=endpoint)


def _positive(kind):
    def read(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a {'whole ' if kind is int else ''}number") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"{text!r}: it must be more than 0")
        return value
    return read


COMMANDS = {"load": cmd_load, "validate": cmd_validate, "query": cmd_query, "export": cmd_export,
            "restore": cmd_restore, "serve": cmd_serve}


COMMON_OPTIONS = ("store", "sparql_query", "sparql_update", "sparql_user")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="claimkb", description="The claimkb fact-check knowledge base.",
                                  epilog="Every command takes --store DIR; see README.md.")
    # No defaults here (SUPPRESS): a subcommand's parser would otherwise set the option back to its default
    # after its parent command had read it (`claimkb import --store DIR liar ...` wrote into ./var/store).
    # main() fills in the ones not given.
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--store", help="data directory (default: $CLAIMKB_STORE or ./var/store)")
    common.add_argument("--sparql-query", help="remote SPARQL query endpoint ($CLAIMKB_SPARQL_QUERY)")
    common.add_argument("--sparql-update", help="remote SPARQL update endpoint ($CLAIMKB_SPARQL_UPDATE)")
    common.add_argument("--sparql-user", help="user for the remote endpoint ($CLAIMKB_SPARQL_USER; "
                                              "password in $CLAIMKB_SPARQL_PASSWORD)")
    commands = top.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", parents=[common], help="add RDF files (validated; all or nothing)")
    load.add_argument("files", nargs="+", metavar="FILE")
    validate = commands.add_parser("validate", parents=[common],
                                   help="validate files against the store, or the whole store")
    validate.add_argument("files", nargs="*", metavar="FILE")
    query = commands.add_parser("query", parents=[common], help="run a SPARQL query on the current view")
    query.add_argument("query", nargs="?", help="the SPARQL query text")
    query.add_argument("--file", help="read the query from a .rq file")
    query.add_argument("--format", choices=output.QUERY_FORMATS, default="table")
    export = commands.add_parser("export", parents=[common], help="write the KB to stdout")
    export.add_argument("--format", choices=output.EXPORT_FORMATS, default="nq",
                        help="nq: every named graph with provenance; ttl/jsonld: the current view; trig: every graph")
    restore = commands.add_parser("restore", parents=[common],
                                  help="put back a backup (claimkb export --format nq|trig) into an empty store")
    restore.add_argument("file", metavar="FILE")
    serve = commands.add_parser("serve", parents=[common], help="serve the KB over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)
    for setting in SETTINGS:  # the SPARQL endpoint's settings (README's table): --sparql-time-limit ...
        serve.add_argument("--" + setting.name.lower().replace("_", "-"), type=_positive(type(setting.default)),
                           metavar="N", help=f"{setting.help} (default {setting.default:g})")
    cli_accounts.add_parsers(commands, common)
    cli_import.add_parsers(commands, common)
    cli_bench.add_parsers(commands, common)
    return top


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    for name in COMMON_OPTIONS:
        setattr(args, name, getattr(args, name, None))
    try:
        if args.command == "serve":
            return cmd_serve(None, args) or 0
        if args.command in cli_accounts.COMMANDS:
            return cli_accounts.run(args)
        if args.command in cli_bench.COMMANDS:
            return cli_bench.run(args)
        kb = open_kb(store_dir(args.store), remote=remote_settings(args), load=args.command != "restore")
        try:
            return {**COMMANDS, **cli_import.COMMANDS}[args.command](kb, args) or 0
        finally:
            kb.close()
    except WriteRefused as refused:
        print(refused, file=sys.stderr)
        return 1
    except QuerySyntaxError as error:
        print(f"claimkb: the query is not valid SPARQL: {error}", file=sys.stderr)
        return 1
    except (UsageError, StoreError) as error:
        print(f"claimkb: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
