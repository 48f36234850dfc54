"""A reader picks two claimants, then two verdicts, on the claims index in real Chromium: each click adds a value
(claims with any of a facet's values, and with every facet), and a chosen value's link takes it away again."""
import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.browser.conftest import shoot


def chosen(page, facet: str) -> list[str]:
    return parse_qs(urlparse(page.url).query).get(facet, [])


def facet_link(page, facet: str, label: str):
    return page.locator(f"ul[aria-labelledby='facet-{facet}'] a", has_text=re.compile(rf"^{re.escape(label)}"))


def test_picking_two_claimants_then_two_verdicts(page, base_url):
    page.goto(base_url + "/claims")
    facet_link(page, "claimant", "OpenAI").click()
    expect(page.locator("#results-count")).to_have_text("10 claims")
    facet_link(page, "claimant", "touslestops.fr").click()
    expect(page.locator("#results-count")).to_have_text("25 claims")
    assert [c.rsplit("/", 1)[1] for c in chosen(page, "claimant")] == ["openai", "touslestops"]
    expect(page.locator("ul[aria-labelledby='facet-claimant'] a[aria-current=true]")).to_have_count(2)

    facet_link(page, "verdict", "True").click()
    facet_link(page, "verdict", "Misleading").click()
    assert [v.rsplit("#", 1)[1] for v in chosen(page, "verdict")] == ["True", "Misleading"]
    expect(page.locator(".chip")).to_have_count(4)  # one removable chip per chosen value
    shoot(page, "desktop-claims-two-facets")

    facet_link(page, "claimant", "OpenAI").click()  # chosen: the link takes it away
    assert [c.rsplit("/", 1)[1] for c in chosen(page, "claimant")] == ["touslestops"]
    assert len(chosen(page, "verdict")) == 2
