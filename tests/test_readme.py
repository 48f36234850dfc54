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


def test_the_tour_shows_every_screenshot_that_docs_tour_takes():
    """The README's images exist, and each shot that ``make tour`` takes is shown (a renamed shot would
    leave a broken image or a stale file)."""
    shown = re.findall(r"\]\((docs/tour/[^)]+\.png)\)", README)
    taken = re.findall(r'\("(\d\d-[\w-]+\.png)"', (ROOT / "docs" / "tour" / "take.py").read_text())
    assert shown and all((ROOT / path).is_file() for path in shown)
    assert sorted(path.rsplit("/", 1)[1] for path in shown) == sorted(taken)
