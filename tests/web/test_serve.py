"""``claimkb serve`` holds the store; the other commands keep working through it, over real HTTP."""
import signal
import urllib.request

import pytest

from tests.conftest import run_cli, serve
from tests.kb.test_cli import GOOD, claim_count


@pytest.fixture
def server(data_dir):
    process, url = serve(data_dir)
    announcement = data_dir / "server.json"
    yield url
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)
    assert not announcement.exists(), "the server must remove server.json when it stops"


def test_commands_work_through_the_running_server(server, data_dir, tmp_path):
    before = claim_count(data_dir)
    path = tmp_path / "claim.trig"
    path.write_text(GOOD, encoding="utf-8")
    result = run_cli("load", str(path), store=data_dir)
    assert result.returncode == 0, result.stderr
    assert claim_count(data_dir) == before + 1
    with urllib.request.urlopen(server + "/") as page:
        assert f"<dd>{before + 1}</dd>" in page.read().decode()


def test_the_internal_endpoints_need_the_token(server):
    request = urllib.request.Request(server + "/_kb/update", data=b"CLEAR ALL", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 403


def test_server_json_is_private(server, data_dir):
    assert (data_dir / "server.json").stat().st_mode & 0o077 == 0
