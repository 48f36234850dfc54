"""Browser tests: a real server on loopback and Debian's Chromium driven by Playwright (never a downloaded
browser). Without a browser they skip, unless CLAIMKB_REQUIRE_BROWSER=1 (CI), where they fail."""
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from web import create_app

SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM = os.environ.get("CLAIMKB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


def _missing(reason: str):
    if os.environ.get("CLAIMKB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"CLAIMKB_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(f"browser tests skipped: {reason} (apt-get install chromium; pip install playwright)")


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    if not Path(CHROMIUM).exists():
        _missing(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def base_url(shipped_kb):
    server = make_server("127.0.0.1", 0, create_app({"KB": shipped_kb}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def page(browser):
    """A page that fails its test if anything it loaded broke the Content-Security-Policy (an inline
    script, a remote asset): the policy would have silently disabled that part of the page for readers."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    refused = refusals(page)
    yield page
    context.close()
    assert not refused, f"the Content-Security-Policy refused: {refused}"


def refusals(page) -> list[str]:
    """What the Content-Security-Policy refuses on ``page`` from now on (Chromium logs each refusal)."""
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    return refused


def shoot(page, name: str, full_page: bool = True):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
