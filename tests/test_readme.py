"""The README is the contract users read: its settings table and commands match the code."""
import re

from kb import cli
from kb.endpoint import SETTINGS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_settings_table_lists_every_setting_with_its_default():
    rows = dict(re.findall(r"^\| `(SPARQL_[A-Z_]+)` \| ([^|]+) \|", README, re.M))
    assert set(rows) == {s.name for s in SETTINGS}
    for setting in SETTINGS:
        assert float(rows[setting.name].strip()) == float(setting.default), setting.name


def test_every_cli_command_is_documented():
    commands = cli.parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"`claimkb {name}" in README, name
