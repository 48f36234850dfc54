"""Take the screenshots of the README's tour: the shipped KB served on loopback, Debian's Chromium driven by
Playwright (``make tour``). Each shot is the first screen of a page, 1280 pixels wide, so the PNGs stay small.

The workspace shots sign in as a throwaway editor created in the temporary store; nothing is written to the
KB except the accounts file of that temporary copy.
"""
import logging
import re
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from kb.accounts import Accounts
from kb.connect import open_kb
from web import create_app

HERE = Path(__file__).parent
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "tour password, not a real one"

# (file, path, what to wait for, language): the reader's walk, the researcher's, then the fact-checker's.
SHOTS = [
    ("01-home.png", "/", "h1", "en-GB"),
    ("02-claims-search.png", "/claims?q=openai", "#results-count", "en-GB"),
    ("03-claim.png", "/claim/sora-still-in-research-phase", "mark.passage-mark", "en-GB"),
    ("04-claim-fr.png", "/claim/artists-reduced-to-pr-puppets-quote", ".flag.misquote", "fr-FR"),
    ("05-article.png", "/source/touslestops-sora-article#c-sora-still-in-research-phase", "a.hl", "en-GB"),
    ("06-timeline.png", "/timeline", "h1", "en-GB"),
    ("07-relations.png", "/relations/claim/sora-still-in-research-phase", "svg", "en-GB"),
    ("08-agent.png", "/agent/openai", "h1", "en-GB"),
    ("09-vocabulary.png", "/vocab", "h1", "en-GB"),
    ("10-sparql.png", "/sparql?query=" + "PREFIX%20schema%3A%20%3Chttp%3A%2F%2Fschema.org%2F%3E%0ASELECT%20%3Fclaim"
     "%20%3Ftext%20WHERE%20%7B%20%3Fclaim%20a%20schema%3AClaim%20%3B%20schema%3Atext%20%3Ftext%20%7D%20LIMIT%205",
     "table", "en-GB"),
]
WORKSPACE = [
    ("11-annotate-article.png", "/annotate/source/touslestops-sora-article", "h1"),
    ("12-review-form.png", "/annotate/claim/sora-still-in-research-phase/review", "form"),
]


def serve(app) -> tuple[str, object]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


def main() -> int:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request hides the progress
    with tempfile.TemporaryDirectory() as tmp:
        kb = open_kb(Path(tmp) / "store")
        Accounts.in_directory(Path(tmp) / "store").add_user("tour", PASSWORD, "editor", display_name="Tour")
        app = create_app({"KB": kb, "ACCOUNTS_DB": Path(tmp) / "store" / "accounts.sqlite3",
                          "SECRET_KEY": "tour", "SESSION_COOKIE_SECURE": False})
        base, server = serve(app)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for name, path, ready, locale in SHOTS:
                page = browser.new_context(viewport={"width": 1280, "height": 860}, locale=locale).new_page()
                page.goto(base + path)
                page.locator(ready).first.wait_for()
                page.screenshot(path=str(HERE / name))
                print(f"{name}: {path}", file=sys.stderr)
                page.context.close()
            page = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-GB").new_page()
            page.goto(base + "/login")
            page.fill("input[name=name]", "tour")
            page.fill("input[name=password]", PASSWORD)
            page.press("input[name=password]", "Enter")
            page.wait_for_url(re.compile(r"^(?!.*/login)"))
            for name, path, ready in WORKSPACE:
                page.goto(base + path)
                page.locator(ready).first.wait_for()
                page.screenshot(path=str(HERE / name))
                print(f"{name}: {path}", file=sys.stderr)
            browser.close()
        server.shutdown()
        kb.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
