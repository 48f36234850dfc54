"""A fact-checker's walk on real Chromium: sign in, add a source, select a passage, create a claim, link it,
review it (an invalid review first: messages by field, input kept), publish, and see it on the readers'
pages, where a reader sees the review only once it is published. Screenshots go to tests/browser/screenshots/ (factchecker-*.png)."""
import re
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from kb.accounts import Accounts
from tests.browser.conftest import refusals, shoot
from web import create_app

PASSWORD = "a long enough password"
TEXT = ("Le collectif a publié une lettre ouverte mardi matin.\n\n"
        "Selon la Gazette, OpenAI n’a jamais répondu aux artistes. Le porte-parole dément.")
PASSAGE = "OpenAI n’a jamais répondu aux artistes"


@pytest.fixture
def server(kb, data_dir):
    accounts = Accounts.in_directory(data_dir)
    accounts.add_user("rita", PASSWORD, "reviewer", display_name="Rita Reviewer")
    app = create_app({"KB": kb, "ACCOUNTS_DB": data_dir / "accounts.sqlite3", "SECRET_KEY": "browser test"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def select_passage(page, passage: str):
    """Select ``passage`` in the source text as a reader would with the mouse (a DOM selection)."""
    page.evaluate("""(passage) => {
        const text = document.getElementById('source-text');
        const node = text.firstChild;
        const at = node.textContent.indexOf(passage);
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + passage.length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }""", passage)


def test_a_fact_checker_annotates_reviews_and_publishes(browser, server, kb):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    refused = refusals(page)
    page.goto(server + "/annotate/")
    expect(page).to_have_url(re.compile(r"/login\?next=/annotate/"))
    page.fill("#name", "rita")
    page.fill("#password", PASSWORD)
    shoot(page, "factchecker-01-login")
    page.click("button[type=submit] >> text=Sign in")
    expect(page.locator("h1")).to_have_text("Workspace")
    expect(page.locator(".account")).to_contain_text("Rita Reviewer")

    page.click("#add-source")
    page.fill("#f-headline", "OpenAI et les artistes")
    page.fill("#f-url", "https://example.org/gazette/openai-artistes")
    page.fill("#f-language", "fr")
    page.fill("#f-new_publisher", "La Gazette")
    page.fill("#f-date_published", "2026-11-20")
    page.fill("#f-text", TEXT)
    shoot(page, "factchecker-02-source-form")
    page.click("button[type=submit] >> text=Save")
    expect(page).to_have_url(re.compile(r"/annotate/source/openai-et-les-artistes$"))
    expect(page.locator(".flash")).to_have_text("Saved.")

    select_passage(page, PASSAGE)
    expect(page.locator("#selection-exact")).to_have_text(PASSAGE)
    start = TEXT.index(PASSAGE)
    expect(page.locator("#f-start")).to_have_value(str(start))
    expect(page.locator("#f-end")).to_have_value(str(start + len(PASSAGE)))
    shoot(page, "factchecker-03-selection")
    page.click("#new-claim")

    expect(page.locator("#claim-passage mark")).to_have_text(PASSAGE)
    page.select_option("#f-claimant", label="OpenAI")
    page.select_option("#f-claimant", value="")  # the claimant is the newspaper, not OpenAI
    page.select_option("#f-claimant", label="La Gazette")
    page.check("input[name=presented_as][value=Assertion]")
    page.fill("#f-text_en", "OpenAI never answered the artists")
    page.check("input[name=about][value='https://w3id.org/claimkb/event/open-letter-published']")
    shoot(page, "factchecker-04-claim-form")
    page.click("#save-claim")
    expect(page).to_have_url(re.compile(r"/claim/openai-n-a-jamais-repondu-aux-artistes$"))
    expect(page.locator("mark.passage-mark")).to_have_text(PASSAGE)

    page.click("#claim-tools")
    page.select_option("#f-relation", "contradicts")
    page.select_option("#f-other", "https://w3id.org/claimkb/claim/openai-shared-statement")
    page.click("#save-link")
    expect(page.locator(".relations")).to_contain_text("Contradicts")

    page.click("#claim-tools")
    page.click("#write-review")
    page.fill("#f-evidence_title_1", "OpenAI statement, 26 November")
    page.fill("#f-date_published", "2099-01-01")
    page.click("#save-review")
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#f-verdict + .field-error, [data-field=verdict]").first).to_contain_text("verdict")
    expect(page.locator("[data-field=body]")).to_contain_text("A review needs its reasoning")
    expect(page.locator("[data-field=evidence]")).to_contain_text("needs its web address")
    expect(page.locator("[data-field=date_published]")).to_contain_text("cannot be published in the future")
    expect(page.locator("#f-evidence_title_1")).to_have_value("OpenAI statement, 26 November")
    expect(page.locator("#f-date_published")).to_have_value("2099-01-01")
    shoot(page, "factchecker-05-invalid-review")

    page.select_option("#f-verdict", label="False")
    page.fill("#f-body_fr", "OpenAI a publié une déclaration le jour même.")
    page.fill("#f-body_en", "OpenAI issued a statement the same day.")
    page.fill("#f-evidence_url_1", "https://example.org/openai-statement")
    page.fill("#f-date_published", "2026-11-24")
    page.click("#save-review")
    expect(page.locator(".reviews-all")).to_contain_text("draft")
    # A reader (no session) does not see the draft: it is embargoed until published.
    reader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    reader.goto(server + "/claim/openai-n-a-jamais-repondu-aux-artistes")
    expect(reader.locator("h1")).to_be_visible()
    expect(reader.locator("body")).not_to_contain_text("OpenAI issued a statement the same day.")
    page.click(".publish-review")
    expect(page).to_have_url(re.compile(r"/claim/openai-n-a-jamais-repondu-aux-artistes$"))
    expect(page.locator(".current .verdict")).to_contain_text("False")
    expect(page.locator(".review .body")).to_contain_text("OpenAI issued a statement the same day.")
    expect(page.locator(".review .evidence")).to_contain_text("OpenAI statement, 26 November")
    shoot(page, "factchecker-06-published-claim")
    reader.reload()  # published: now the readers' page shows it
    expect(reader.locator(".review .body")).to_contain_text("OpenAI issued a statement the same day.")
    expect(reader.locator(".relations")).to_contain_text("Contradicts")
    reader.context.close()

    page.goto(server + "/source/openai-et-les-artistes")
    expect(page.locator("a.hl")).to_have_text(PASSAGE)
    page.goto(server + "/claims?q=jamais+repondu")
    expect(page.locator("#results-count")).to_contain_text("1 claim")
    page.goto(server + "/annotate/claim/openai-n-a-jamais-repondu-aux-artistes/history")
    expect(page.locator(".version")).to_have_count(4)  # claim, its link; review, its publication
    shoot(page, "factchecker-07-history")
    context.close()
    assert not refused, f"the Content-Security-Policy refused: {refused}"
