"""The SPARQL workbench on real Chromium: the editor highlights SPARQL as it is typed, over a textarea that
still holds the text and submits it; without JavaScript the plain textarea is the editor."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import shoot

QUERY = 'PREFIX schema: <http://schema.org/>\nSELECT ?claim WHERE { ?claim a schema:Claim ; schema:text "x" } LIMIT 3 # three'


def test_the_editor_highlights_what_is_typed_and_runs_it(page, base_url):
    page.goto(base_url + "/sparql?format=html")
    editor = page.locator(".sparql-editor.highlighted")
    expect(editor).to_be_visible()
    textarea = page.locator("textarea#query")
    textarea.fill("")
    textarea.type(QUERY)
    shown = editor.locator("pre")
    expect(shown.locator(".sx-keyword", has_text="SELECT")).to_have_count(1)
    expect(shown.locator(".sx-keyword", has_text="LIMIT")).to_have_count(1)
    expect(shown.locator(".sx-var")).to_have_count(2)
    expect(shown.locator(".sx-pname")).to_have_count(3)
    expect(shown.locator(".sx-iri")).to_have_text("<http://schema.org/>")
    expect(shown.locator(".sx-string")).to_have_text('"x"')
    expect(shown.locator(".sx-comment")).to_have_text("# three")
    assert shown.inner_text().rstrip("\n") == textarea.input_value() == QUERY
    # The coloured text lies exactly under the typed text: same box, same font metrics.
    assert shown.bounding_box() == textarea.bounding_box()
    style = "e => { const s = getComputedStyle(e); return [s.font, s.padding, s.letterSpacing, s.tabSize] }"
    assert shown.evaluate(style) == textarea.evaluate(style)
    shoot(page, "workbench-editor", full_page=False)
    textarea.press("Control+Enter")
    expect(page).to_have_url(re.compile(r"/sparql\?query=PREFIX"))
    expect(page.locator("section p.meta")).to_contain_text("0 rows")
    expect(page.locator("textarea#query")).to_have_value(QUERY)


def test_without_javascript_the_textarea_is_the_editor(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + "/sparql?format=html")
        expect(page.locator(".sparql-editor")).to_have_count(0)
        textarea = page.locator("textarea#query")
        expect(textarea).to_be_visible()
        assert textarea.evaluate("e => getComputedStyle(e).color") != "rgba(0, 0, 0, 0)"  # text not hidden
        textarea.fill("ASK { ?s ?p ?o }")
        page.click("button[type=submit]")
        expect(page.locator("main")).to_contain_text("true")
    finally:
        context.close()
