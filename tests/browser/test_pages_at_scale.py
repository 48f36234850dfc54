"""On real Chromium: a capped list's "see all" link leads to the claims index with the same count, and a bare
highlight is marked in the article's text by more than colour (a double underline and ⟦ ⟧)."""
import re
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.browser.conftest import shoot
from tests.web.annotate.conftest import accounts, app  # noqa: F401  (the same accounts and app)
from tests.web.api.test_highlights import hypothesis
from tests.web.api.test_protocol import PASSAGE, send
from tests.web.browse.test_pages_at_scale import ADDED, add_claims
from web.browse.capped import CAP


@pytest.fixture
def grown_url(app, kb, accounts):  # noqa: F811
    """A server on a copy of the shipped KB with ADDED more claims about the access cut and a bare highlight."""
    add_claims(kb, ADDED, reviewed=10)
    token = accounts.create_token("anna")[1]
    response = send(app.test_client(), "POST", "/annotations/", hypothesis("highlighting"), token)
    assert response.status_code == 201, response.get_data(as_text=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_see_all_leads_to_the_index_with_the_same_count(page, grown_url):
    page.goto(grown_url + "/event/access-cut")
    listed = page.locator("section", has=page.locator("h2", has_text="Claims about it"))
    expect(listed.locator("li.claim-line")).to_have_count(CAP)
    total = re.search(r"\((\d+)\)", listed.locator("h2").inner_text()).group(1)
    expect(listed.locator("p.more")).to_have_text(f"{total} claims — see all")
    shoot(page, "event-capped")
    listed.get_by_role("link", name="see all").click()
    expect(page).to_have_url(re.compile(r"/claims\?event=https"))
    expect(page.locator("#results-count")).to_have_text(f"{total} claims")


def test_a_bare_highlight_is_marked_by_more_than_colour(page, grown_url):
    page.goto(grown_url + "/source/touslestops-sora-article#c-sora-still-in-research-phase")
    mark = page.locator(".article-text mark.highlight")
    expect(mark).to_have_count(1)
    expect(mark).to_have_text(PASSAGE)
    expect(mark).to_be_visible()
    assert mark.evaluate("m => getComputedStyle(m).textDecorationStyle") == "double"
    edges = page.locator(".article-text .highlight-edge")
    expect(edges).to_have_count(2)
    expect(edges.first).to_be_visible()
    assert edges.first.inner_text().startswith("⟦")
    shoot(page, "article-bare-highlight", full_page=False)
