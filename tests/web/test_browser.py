"""The widget and the pages in a real browser: Playwright driving Debian's Chromium against a
live `glossary serve`, the widget embedded in a page from another origin, axe-core on every page.

Missing tools fail these tests (never skip them): `./dev test` installs Chromium and axe-core.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.cli.test_serve import free_port, live_server
from tests.conftest import ROOT, SEED

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
XSS = '<img src=x onerror="window.__xss=1">'
HOST_PAGE = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Intranät</title>
<style>span {{ color: red !important; font-size: 40px; }} div {{ all: unset; }}</style>
</head><body>
<main>
  <h1>Veckobrev</h1>
  <p id="budget">Vi måste hålla budgeten i år.</p>
  <p id="leads">Leadsen från mässan ska in, och positioning är viktigt.</p>
  <p id="emoji">🎉🎉 Vår budget 😀 räcker.</p>
  <p id="xss">Alla pratar om hackspråk nu.</p>
  <p id="across">Ett <em>hett</em> lead kom in, bud<b>geten</b> höll.</p>
  <pre><code>budget = leads * 2</code></pre>
  <p><code>budgeten</code> i koden.</p>
  <label for="note">Anteckning</label>
  <textarea id="note">budgeten och leads</textarea>
  <label for="field">Fält</label>
  <input id="field" value="budget">
  <div contenteditable="true">budgeten här</div>
</main>
<script src="{service}/widget.js" data-root="main" defer></script>
</body></html>
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            "Chromium is missing at /usr/bin/chromium: run ./dev test (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


def _seed_with_xss(folder: Path) -> Path:
    """The seed glossary plus a term whose definition holds HTML that must never run."""
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data["terms"].append(
        {
            "id": "hack-speak",
            "labels": {"sv": ["hackspråk"], "en": ["hack speak"]},
            "meanings": [
                {"department": "sales", "definition": {"sv": f"Säljets {XSS} jargong.", "en": XSS}},
                {
                    "department": "marketing",
                    "definition": {"sv": "Marknads jargong.", "en": "Jargon."},
                },
            ],
        }
    )
    path = folder / "terms.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def host_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, host_port: int) -> Iterator[str]:
    """A live glossary server that lets the host page's origin call it."""
    folder = tmp_path_factory.mktemp("service")
    with live_server(
        GLOSSARY_DATABASE_URL=f"sqlite:///{folder / 'glossary.db'}",
        GLOSSARY_SEED_FILE=str(_seed_with_xss(folder)),
        GLOSSARY_CORS_ORIGINS=f"http://localhost:{host_port}",
    ) as base:
        yield base


@pytest.fixture(scope="module")
def host_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the intranet's pages lie; a test may add its own."""
    return tmp_path_factory.mktemp("host")


@pytest.fixture(scope="module")
def host(host_folder: Path, service: str, host_port: int) -> Iterator[str]:
    """An intranet page on another origin (localhost, another port) that embeds the widget."""
    folder = host_folder
    (folder / "index.html").write_text(HOST_PAGE.format(service=service), encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", host_port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{host_port}/index.html"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Whatever the pages' Content-Security-Policy blocks shows as a console error.
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert errors == []


def open_host(page: Page, host: str) -> None:
    page.goto(host)
    page.wait_for_function("window.GlossaryWidget && window.GlossaryWidget.ready")
    page.evaluate("window.GlossaryWidget.ready")


def popover(page: Page) -> Any:
    return page.locator("[data-glossary-widget] >> internal:role=dialog")


def marked(page: Page, selector: str) -> list[tuple[str, str]]:
    """(term id, marked text) of every mark inside the elements a selector picks."""
    found = page.eval_on_selector_all(
        f"{selector} [data-glossary-term]",
        "marks => marks.map(m => [m.dataset.glossaryTerm, m.textContent])",
    )
    return [(term, text) for term, text in found]


def axe_violations(page: Page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run ./dev test (npm install axe-core)")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a <script>: the pages' CSP blocks those
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# ----------------------------------------------------------------------------- the widget


def test_the_widget_marks_terms_on_a_page_from_another_origin(page: Page, host: str) -> None:
    open_host(page, host)
    assert marked(page, "#budget") == [("budget", "budgeten")]
    assert marked(page, "#leads") == [("lead", "Leadsen"), ("positioning", "positioning")]
    # Never in code, a form field or an editable area; form fields keep their values.
    assert marked(page, "pre") == []
    assert marked(page, "code") == []
    assert marked(page, "[contenteditable]") == []
    assert page.input_value("#note") == "budgeten och leads"
    assert page.input_value("#field") == "budget"
    mark = page.locator("#budget [data-glossary-term]")
    assert mark.get_attribute("tabindex") == "0"
    # One tab stop per block: the second mark of a paragraph is reached with the arrow keys.
    leads = page.locator("#leads [data-glossary-term]")
    assert [leads.nth(i).get_attribute("tabindex") for i in range(2)] == ["0", "-1"]
    assert mark.get_attribute("data-glossary-kind") == "ambiguous"


def test_emoji_before_a_term_do_not_shift_the_mark(page: Page, host: str) -> None:
    open_host(page, host)
    assert marked(page, "#emoji") == [("budget", "budget")]


def test_hovering_shows_every_department_side_by_side(page: Page, host: str) -> None:
    open_host(page, host)
    page.hover("#budget [data-glossary-term]")
    dialog = popover(page)
    expect(dialog).to_be_visible()
    assert dialog.get_attribute("aria-labelledby") == "glossary-title"
    text = dialog.inner_text()
    for expected in ("budget", "Tvetydigt", "Sälj", "Marknad", "intäktsbudget", "kostnadsbudget"):
        assert expected in text
    link = dialog.locator("a")
    assert link.get_attribute("href").endswith("/terms/budget")
    # Host CSS (span { color: red; font-size: 40px }) does not reach into the popover.
    size = dialog.locator("h3").first.evaluate("h => getComputedStyle(h).fontSize")
    assert size != "40px"


def test_the_widget_gets_each_terms_meanings_once_per_answer(page: Page, host: str) -> None:
    with page.expect_response(
        lambda r: r.url.endswith("/v1/check") and r.request.method == "POST"
    ) as response:
        open_host(page, host)
    answer = response.value.json()
    assert {f["term"]["id"] for f in answer["findings"]} == set(answer["terms"])
    assert all("meanings" not in f for f in answer["findings"])


def focused_mark(page: Page) -> str | None:
    """The text of the mark that has focus, or None."""
    text: str | None = page.evaluate(
        "document.activeElement.dataset.glossaryTerm ? document.activeElement.textContent : null"
    )
    return text


def focused_in_popover(page: Page) -> str | None:
    """The tag of what has focus inside the popover, or None when focus is elsewhere."""
    tag: str | None = page.evaluate(
        "(() => { const host = document.querySelector('[data-glossary-widget]');"
        " return document.activeElement === host && host.shadowRoot.activeElement"
        " ? host.shadowRoot.activeElement.tagName : null; })()"
    )
    return tag


def test_the_keyboard_alone_opens_a_mark_reaches_its_controls_and_closes(
    page: Page, host: str
) -> None:
    open_host(page, host)
    for _ in range(10):
        page.keyboard.press("Tab")
        if focused_mark(page) == "budgeten":
            break
    assert focused_mark(page) == "budgeten"
    expect(popover(page)).to_be_hidden()  # focus alone does not cover the text
    page.keyboard.press("Enter")
    expect(popover(page)).to_be_visible()
    assert focused_in_popover(page) == "DIV"  # the dialog itself
    reached = []
    for _ in range(3):
        page.keyboard.press("Tab")
        reached.append(focused_in_popover(page))
    assert reached == ["BUTTON", "A", "BUTTON"]  # Tab stays within the popover
    page.keyboard.press("Shift+Tab")
    assert focused_in_popover(page) == "A"
    page.keyboard.press("Escape")
    expect(popover(page)).to_be_hidden()
    assert focused_mark(page) == "budgeten"
    page.keyboard.press(" ")  # Space opens too; the close button gives focus back
    page.keyboard.press("Tab")
    assert focused_in_popover(page) == "BUTTON"
    page.keyboard.press("Enter")
    expect(popover(page)).to_be_hidden()
    assert focused_mark(page) == "budgeten"


def test_marks_are_one_tab_stop_per_block_and_arrows_move_within_it(page: Page, host: str) -> None:
    open_host(page, host)
    page.focus("#budget [data-glossary-term]")
    page.keyboard.press("Tab")
    assert focused_mark(page) == "Leadsen"
    page.keyboard.press("ArrowRight")
    assert focused_mark(page) == "positioning"
    page.keyboard.press("ArrowRight")  # the last mark of its block stays
    assert focused_mark(page) == "positioning"
    page.keyboard.press("ArrowLeft")
    assert focused_mark(page) == "Leadsen"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # leaves the block
    assert focused_mark(page) == "budget"
    assert page.evaluate("document.activeElement.closest('p').id") == "emoji"
    page.keyboard.press("Shift+Tab")  # back to the block's mark last used
    assert focused_mark(page) == "positioning"
    page.click("h1")
    page.click("#leads [data-glossary-term] >> nth=0")  # a click opens it as well
    expect(popover(page)).to_be_visible()
    page.click("h1")  # a click elsewhere closes it
    expect(popover(page)).to_be_hidden()


def test_the_demo_page_has_one_tab_stop_per_block_of_marks(page: Page, service: str) -> None:
    page.goto(f"{service}/widget/demo?lang=en")
    page.wait_for_selector("#sample [data-glossary-term]")
    page.evaluate("window.GlossaryWidget.ready")
    blocks = page.evaluate(
        "new Set([...document.querySelectorAll('#sample [data-glossary-term]')]"
        ".map(m => m.closest('p, li, td, dd, h1, h2, h3, div'))).size"
    )
    count = page.locator("#sample [data-glossary-term]").count()
    assert count > blocks > 0
    stops = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused_mark(page):
            stops.add(
                page.evaluate(
                    "[...document.querySelectorAll('[data-glossary-term]')]"
                    ".indexOf(document.activeElement)"
                )
            )
    assert len(stops) == blocks


def test_a_finding_over_two_text_nodes_is_marked_in_both(page: Page, host: str) -> None:
    open_host(page, host)
    # "hett lead" runs from <em> into the text after it; "budgeten" is split by <b>.
    assert marked(page, "#across") == [
        ("hot-lead", "hett"),
        ("hot-lead", " lead"),
        ("budget", "bud"),
        ("budget", "geten"),
    ]
    assert page.locator("#across [tabindex='0']").count() == 1  # one tab stop for the block
    page.hover("#across b [data-glossary-term]")  # the second piece opens the same popover
    expect(popover(page).locator("h2")).to_contain_text("budget")
    page.click("h1")
    page.focus("#across [data-glossary-term] >> nth=0")
    page.keyboard.press("ArrowRight")  # the next finding, not the next piece
    assert focused_mark(page) == "bud"
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert focused_mark(page) == "bud"


def test_a_page_from_an_origin_not_allowed_is_told_once_why(
    browser: Browser, host: str, host_port: int
) -> None:
    """127.0.0.1 is not in GLOSSARY_CORS_ORIGINS (localhost is): one console line says so."""
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    open_host(page, host)  # the allowed origin hears nothing
    assert [m for m in messages if "GLOSSARY_CORS_ORIGINS" in m] == []
    with page.expect_console_message(lambda m: "GLOSSARY_CORS_ORIGINS" in m.text):
        page.goto(f"http://127.0.0.1:{host_port}/index.html")
    page.evaluate("window.GlossaryWidget.ready")
    page.wait_for_timeout(300)
    told = [m for m in messages if "GLOSSARY_CORS_ORIGINS" in m]
    assert len(told) == 1
    assert f"http://127.0.0.1:{host_port}" in told[0]
    assert page.locator("[data-glossary-term]").count() == 0
    context.close()


def test_a_text_node_longer_than_a_request_is_checked_in_pieces(
    page: Page,
    tmp_path_factory: pytest.TempPathFactory,
    host: str,
    host_folder: Path,
    host_port: int,
) -> None:
    """A service that takes at most 60,000 characters per check still gets a 120,000-long text."""
    folder = tmp_path_factory.mktemp("small")
    filler = "Vi ses på mötet i morgon. " * 4700
    with live_server(
        GLOSSARY_DATABASE_URL=f"sqlite:///{folder / 'glossary.db'}",
        GLOSSARY_SEED_FILE=str(SEED),
        GLOSSARY_CORS_ORIGINS=f"http://localhost:{host_port}",
        GLOSSARY_MAX_CHECK_CHARS="60000",
    ) as small:
        page_html = HOST_PAGE.format(service=small).replace(
            '<p id="budget">Vi måste hålla budgeten i år.</p>',
            f'<p id="long">Leadsen först. {filler}Till sist budgeten och leadsen.</p>',
        )
        (host_folder / "long.html").write_text(page_html, encoding="utf-8")
        open_host(page, host.replace("index.html", "long.html"))
        assert page.evaluate("document.querySelector('#long').textContent.length") > 120_000
        assert marked(page, "#long") == [
            ("lead", "Leadsen"),
            ("budget", "budgeten"),
            ("lead", "leadsen"),
        ]
        assert page.inner_text("#long").endswith("Till sist budgeten och leadsen.")
        assert page.evaluate("GlossaryWidget.stats.requests") >= 3


def test_a_definition_with_html_is_shown_as_text_and_runs_nothing(page: Page, host: str) -> None:
    open_host(page, host)
    page.hover("#xss [data-glossary-term]")
    dialog = popover(page)
    expect(dialog).to_be_visible()
    assert XSS in dialog.inner_text()
    assert dialog.locator("img").count() == 0
    assert page.evaluate("window.__xss") is None


def test_content_added_later_is_marked_once(page: Page, host: str) -> None:
    open_host(page, host)
    page.evaluate(
        "() => { const p = document.createElement('p'); p.id = 'late';"
        " p.textContent = 'Leadsen kom sent, budgeten likaså.';"
        " document.querySelector('main').append(p); }"
    )
    page.wait_for_selector("#late [data-glossary-term]")
    page.wait_for_timeout(500)
    assert marked(page, "#late") == [("lead", "Leadsen"), ("budget", "budgeten")]
    assert marked(page, "#budget") == [("budget", "budgeten")]  # not marked twice


def test_the_api_lookup_and_destroy(page: Page, host: str) -> None:
    open_host(page, host)
    found = page.evaluate("GlossaryWidget.lookup('positoning')")
    assert found[0]["id"] == "positioning"
    page.evaluate("GlossaryWidget.destroy()")
    assert page.locator("[data-glossary-term]").count() == 0
    assert page.inner_text("#budget") == "Vi måste hålla budgeten i år."


# ------------------------------------------------------------------------------ the pages


def test_the_glossary_page_searches_as_you_type(page: Page, service: str) -> None:
    page.goto(f"{service}/?lang=en")
    page.fill("#q", "positoning")
    expect(page.locator("#results h2").first).to_contain_text("positioning")
    assert "q=positoning" in page.url
    assert axe_violations(page) == []


def test_the_term_page_shows_meanings_and_history(page: Page, service: str) -> None:
    page.goto(f"{service}/terms/budget?lang=sv")
    expect(page.locator("h1")).to_contain_text("budget")
    assert page.locator(".side h3").all_inner_texts() == ["Sälj", "Marknad"]
    expect(page.locator("table.history tbody tr").first).to_contain_text("seed")
    assert axe_violations(page) == []


def test_the_check_page_highlights_budgeten(page: Page, service: str) -> None:
    page.goto(f"{service}/check?lang=sv")
    page.fill("#text", "Vi måste hålla budgeten.")
    page.click("button[type=submit]")
    expect(page.locator("mark.finding")).to_contain_text("budgeten")
    expect(page.locator("ol.findings li")).to_have_count(1)
    assert axe_violations(page) == []


def test_the_widget_demo_page_marks_its_sample(page: Page, service: str) -> None:
    page.goto(f"{service}/widget/demo?lang=en")
    page.wait_for_selector("#sample [data-glossary-term]")
    page.evaluate("window.GlossaryWidget.ready")
    expect(page.locator("pre.snippet")).to_contain_text("/widget.js")
    page.hover("#sample p [data-glossary-term]")
    expect(popover(page)).to_be_visible()
    assert axe_violations(page) == []


def test_pages_work_without_javascript(browser: Browser, service: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{service}/?lang=en")
    page.fill("#q", "positoning")
    page.click("form[role=search] button")
    expect(page.locator("#results h2").first).to_contain_text("positioning")
    context.close()
