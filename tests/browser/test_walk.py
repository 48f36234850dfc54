"""A reader's walk on real Chromium: home -> search "OpenAI" -> a claim -> its passage highlighted in the
article -> a reply -> a review's evidence link. Screenshots go to tests/browser/screenshots/."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import refusals, shoot

CLAIM = "/claim/sora-still-in-research-phase"


def test_walk_from_home_to_evidence(page, base_url):
    page.goto(base_url + "/")
    expect(page.locator("h1")).to_have_text("claimkb")
    shoot(page, "01-home")

    page.fill("#home-q", "OpenAI")
    page.press("#home-q", "Enter")
    expect(page).to_have_url(re.compile(r"/claims\?q=OpenAI"))
    expect(page.locator("#results-count")).to_contain_text("claims")
    shoot(page, "02-search-openai")

    page.click(f"a[href='{CLAIM}']")
    expect(page).to_have_url(re.compile(CLAIM + "$"))
    expect(page.locator("mark.passage-mark")).to_have_text("Sora est toujours en phase de recherche")
    expect(page.locator(".current .verdict")).to_contain_text("True")
    shoot(page, "03-claim")

    page.click("text=See it highlighted in the article")
    expect(page).to_have_url(re.compile(r"/source/touslestops-sora-article#c-sora-still-in-research-phase$"))
    highlight = page.locator("#c-sora-still-in-research-phase + a.hl")
    expect(highlight).to_be_visible()
    expect(highlight).to_have_attribute("href", CLAIM)
    shoot(page, "04-article", full_page=False)

    highlight.click()
    expect(page).to_have_url(re.compile(CLAIM + "$"))
    reply_target = page.locator(".relations a[href='/claim/artists-reduced-to-pr-puppets-quote']")
    reply_target.click()
    expect(page.locator(".flag.misquote")).to_be_visible()
    shoot(page, "05-reply-misquote")

    evidence = page.locator(".evidence a[rel=external]").first
    expect(evidence).to_have_attribute("href", re.compile(r"^https?://"))


def test_pages_render_on_a_phone_and_in_french(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    page = context.new_page()
    refused = refusals(page)
    for name, path in [("home", "/"), ("claims", "/claims"), ("claim", CLAIM),
                       ("article", "/source/touslestops-sora-article"), ("agent", "/agent/openai"),
                       ("event", "/event/access-cut"), ("timeline", "/timeline"), ("vocab", "/vocab"),
                       ("not-found", "/claim/sora-still-in-research")]:
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.lang") == "fr"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways on a phone ({width}px)"
        shoot(page, f"phone-fr-{name}", full_page=False)
    context.close()
    assert not refused, refused


def test_every_page_on_a_desktop(page, base_url):
    for name, path in [("claims-facet", "/claims?verdict=https%3A%2F%2Fw3id.org%2Fclaimkb%23Misleading"),
                       ("agent", "/agent/openai"), ("event", "/event/space-goes-live"), ("timeline", "/timeline"),
                       ("vocab", "/vocab"), ("unit", "/graph/claim/sora-still-in-research-phase"),
                       ("resource", "/resource?iri=http%3A%2F%2Fschema.org%2FClaim"),
                       ("not-found", "/claim/sora-still-in-research")]:
        page.goto(base_url + path)
        shoot(page, f"desktop-{name}")


def test_keyboard_reaches_the_search_and_the_claims(page, base_url):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "home-q":
            break
    assert page.evaluate("document.activeElement.id") == "home-q"
