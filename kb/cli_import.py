"""``claimkb import liar|claimreview|csv`` and ``claimkb export claimreview`` (hooked into :mod:`kb.cli`).

Exit codes as for every command: 0 everything imported (or already there); 1 something was refused
(input that cannot be imported, nothing written; or records skipped because they break a shape, the
others written); 2 usage or environment error.
"""
import argparse
import sys
from pathlib import Path

from kb.importers.common import BULK_BATCH, UPDATE_BATCH, InputError
from kb.knowledgebase import SYSTEM_AGENT
from kb.namespaces import BASE

SHOWN_SKIPS = 50


def add_parsers(commands, common):
    """The ``import`` command; ``export claimreview`` on the existing ``export`` command."""
    options = _options()
    top = commands.add_parser("import", parents=[common, options], help="import LIAR, ClaimReview JSON-LD or CSV "
                              "(validated in batches, idempotent)")
    kinds = top.add_subparsers(dest="kind", required=True)
    liar = kinds.add_parser("liar", parents=[common, options], help="the LIAR dataset's TSV files")
    liar.add_argument("directory", metavar="DIR", help="folder holding train.tsv, valid.tsv, test.tsv")
    claimreview = kinds.add_parser("claimreview", parents=[common, options],
                                   help="schema.org ClaimReview JSON-LD (object, array or @graph)")
    claimreview.add_argument("file", metavar="FILE", help="the JSON-LD file, or - for standard input")
    claimreview.add_argument("--language", default="en",
                             help="language of texts that carry none and need one (default: en)")
    table = kinds.add_parser("csv", parents=[common, options], help="claims and reviews, one row each "
                             "(columns: see kb/importers/csv.py)")
    table.add_argument("file", metavar="FILE", help="the CSV file, or - for standard input")
    export = commands.choices["export"]
    export.add_argument("what", nargs="?", choices=["claimreview"],
                        help="claimreview: the published reviews as schema.org ClaimReview JSON-LD")


def _options():
    """The import's options, taken before the kind (``import --quiet liar DIR``) or after it. No defaults
    here, as for the common options (kb/cli.py): :data:`DEFAULTS` fills in the ones not given."""
    options = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    options.add_argument("--agent", help="slug of the agent the units are attributed to "
                                         "(default: the claimkb system agent)")
    options.add_argument("--batch", type=int,
                         help=f"records per batch ({BULK_BATCH} on the embedded store, {UPDATE_BATCH} on a remote one)")
    options.add_argument("--jobs", type=int, help="validation processes (default: one per core, up to 4)")
    options.add_argument("--quiet", action="store_true", help="no progress bar")
    return options


DEFAULTS = {"agent": None, "batch": None, "jobs": None, "quiet": False}


def cmd_import(kb, args) -> int:
    from kb.importers import claimreview, csv, liar
    args = argparse.Namespace(**{**DEFAULTS, **vars(args)})
    agent = BASE[f"agent/{args.agent}"] if args.agent else SYSTEM_AGENT
    options = {"batch_size": max(1, args.batch) if args.batch else None, "progress": not args.quiet, "jobs": args.jobs}
    try:
        if args.kind == "liar":
            report, what = liar.load(kb, Path(args.directory), agent, **options), args.directory
        elif args.kind == "claimreview":
            report, what = claimreview.load(kb, args.file, agent, language=args.language, **options), args.file
        else:
            report, what = csv.load(kb, args.file, agent, **options), args.file
    except InputError as error:
        print(f"claimkb: {error}", file=sys.stderr)
        return 1
    for skip in report.skipped[:SHOWN_SKIPS]:
        print(f"  skipped {skip}", file=sys.stderr)
    if len(report.skipped) > SHOWN_SKIPS:
        print(f"  ... and {len(report.skipped) - SHOWN_SKIPS} more skipped", file=sys.stderr)
    print(report.summary(what), file=sys.stderr)
    return 1 if report.skipped else 0


def cmd_export(kb, args) -> int:
    if getattr(args, "what", None) == "claimreview":
        from kb.exporters import claimreview
        sys.stdout.buffer.write(claimreview.export(kb))
        return 0
    from kb import cli
    return cli.cmd_export(kb, args)


COMMANDS = {"import": cmd_import, "export": cmd_export}
