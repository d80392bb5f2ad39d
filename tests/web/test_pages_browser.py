"""The service's own pages for a new user: errors as pages, proposals shown only to whom the API
shows them, every page fits a phone, axe on every page, and /docs working offline.

Over HTTP with TestClient, and in real Chromium against a live `glossary serve` (the fixtures
of tests/web/test_browser.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page, expect

from glossary.api.app import create_app
from tests.api.test_governance import QUOTA
from tests.conftest import auth, problem
from tests.web import test_browser

# The live server, the browser and a page that fails on script errors, shared with test_browser.
browser = test_browser.browser
host_port = test_browser.host_port
service = test_browser.service
page = test_browser.page
axe_violations = test_browser.axe_violations

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


# ------------------------------------------------------------------------ errors as pages


def test_a_missing_term_page_is_an_html_page_with_a_way_back(client: TestClient) -> None:
    answer = client.get("/terms/nope", params={"lang": "en"}, headers={"Accept": "*/*"})
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in answer.headers
    assert "404" in answer.text
    assert "no term &#39;nope&#39;" in answer.text
    assert 'href="/"' in answer.text
    swedish = client.get("/terms/nope", params={"lang": "sv"})
    assert "Sidan finns inte" in swedish.text


def test_api_errors_are_pages_for_browsers_and_json_for_clients(client: TestClient) -> None:
    for accept in ("application/json", "*/*", None):
        headers = {"Accept": accept} if accept else {}
        answer = client.get("/v1/proposals", headers=headers)
        assert answer.status_code == 401
        assert problem(answer)["code"] == "unauthorized"
    page = client.get("/v1/proposals", headers={"Accept": BROWSER_ACCEPT, "Accept-Language": "en"})
    assert page.status_code == 401
    assert page.headers["content-type"].startswith("text/html")
    assert "proposing needs an API key" in page.text
    missing = client.get("/no/such/page", headers={"Accept": BROWSER_ACCEPT})
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    invalid = client.get("/v1/terms", params={"limit": "x"}, headers={"Accept": BROWSER_ACCEPT})
    assert invalid.status_code == 422
    assert "limit" in invalid.text
    assert "<html" in invalid.text


def test_an_error_page_in_the_browser(page: Page, service: str) -> None:
    answer = page.goto(f"{service}/terms/nope?lang=en")
    assert answer is not None
    assert answer.status == 404
    expect(page.locator("h1")).to_contain_text("404")
    expect(page.locator("main")).to_contain_text("no term 'nope'")
    page.click("main a[href='/']")
    expect(page.locator("#q")).to_be_visible()  # the glossary's search
    answer = page.goto(f"{service}/v1/proposals?status=open")
    assert answer is not None
    assert answer.status == 401
    expect(page.locator("h1")).to_contain_text("401")
    assert axe_violations(page) == []


def test_errors_met_before_the_app_are_pages_for_browsers_too(
    client: TestClient, settings: Any
) -> None:
    update = {"max_body_bytes": 1000}
    with TestClient(create_app(settings.model_copy(update=update))) as small:
        browser_headers = {"Accept": BROWSER_ACCEPT, "Accept-Language": "en"}
        big = small.post("/check", data={"text": "budget " * 500}, headers=browser_headers)
        assert big.status_code == 413
        assert "What you sent is too large" in big.text
        api = small.post("/v1/check", json={"text": "budget " * 500})
        assert problem(api)["code"] == "payload_too_large"
    bad = client.get("/?q=%00", headers={"Accept": BROWSER_ACCEPT})
    assert bad.status_code in (400, 422)
    assert bad.headers["content-type"].startswith("text/html")


# ----------------------------------------------------------- proposals, as the API shows them


def _proposal_on_home_page(client: TestClient, key: str) -> tuple[bool, int]:
    made = client.post("/v1/proposals", json={"term": QUOTA}, headers=auth(key))
    assert made.status_code == 201
    home = client.get("/", params={"lang": "en"})
    return 'href="/terms/quota"' in home.text, client.get("/v1/proposals").status_code


def test_proposals_are_shown_on_pages_only_when_the_api_shows_them(
    client: TestClient, api_keys: dict[str, str], settings: Any
) -> None:
    assert _proposal_on_home_page(client, api_keys["reader"]) == (False, 401)
    assert "quota" not in client.get("/terms/budget").text
    public = create_app(settings.model_copy(update={"public_proposals": True}))
    with TestClient(public) as anyone:
        home = anyone.get("/", params={"lang": "en"})
        assert anyone.get("/v1/proposals").status_code == 200
        assert 'href="/terms/quota"' in home.text


# ------------------------------------------------------------------- phones and accessibility

PAGES = ("/", "/terms/budget", "/check", "/widget/demo", "/terms/nope")
#: Moderate findings the pages had, checked as well as every serious or critical one.
ALSO_CHECKED = ("heading-order", "landmark-unique", "scrollable-region-focusable")


def open_page(page: Page, service: str, path: str) -> None:
    """Open a page as a reader sees it; /check with findings, the demo with its marks."""
    page.goto(f"{service}{path}?lang=sv")
    if path == "/check":
        page.click("form.check button[type=submit]")  # the sample text has findings
        expect(page.locator("ol.findings li").first).to_be_visible()
    if path == "/widget/demo":
        page.wait_for_selector("#sample [data-glossary-term]")
        page.evaluate("window.GlossaryWidget.ready")


def moderate_violations(page: Page) -> list[str]:
    """The ALSO_CHECKED rules' violations (axe is already on the page)."""
    results = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})", list(ALSO_CHECKED)
    )
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in results["violations"]]


@pytest.mark.parametrize("path", PAGES)
def test_no_page_is_wider_than_a_phone(page: Page, service: str, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, service, path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_nothing_on_any_page(page: Page, service: str, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    open_page(page, service, path)
    assert axe_violations(page) == []
    assert moderate_violations(page) == []


# ------------------------------------------------------------------------ /docs, offline


def _local_only(page: Page, service: str) -> list[str]:
    """Every request the page makes that leaves the service; such requests are refused."""
    outside: list[str] = []

    def route(handle: Any) -> None:
        if handle.request.url.startswith(f"{service}/"):
            handle.continue_()
        else:
            outside.append(handle.request.url)
            handle.abort()

    page.route("**/*", route)
    return outside


def test_the_api_docs_work_offline(page: Page, service: str) -> None:
    outside = _local_only(page, service)
    page.goto(f"{service}/docs")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert page.locator(".opblock").count() > 20  # every operation is listed
    expect(page.locator("#operations-terms-get_term_v1_terms__term_id__get")).to_be_visible()
    assert outside == []


def test_redoc_works_offline(browser: Browser, service: str) -> None:
    context = browser.new_context()  # its footer's logo from cdn.redoc.ly is blocked by the CSP
    page = context.new_page()
    outside = _local_only(page, service)
    page.goto(f"{service}/redoc")
    expect(page.get_by_text("/v1/terms/{term_id}").first).to_be_attached()
    context.close()
    assert outside == []


def test_the_docs_pages_allow_only_their_own_assets(client: TestClient) -> None:
    docs = client.get("/docs")
    policy = docs.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in policy
    assert "frame-ancestors 'none'" in policy
    assert "cdn.jsdelivr.net" not in docs.text
    assert client.get("/static/docs/swagger-ui-bundle.js").status_code == 200
    assert "fonts.googleapis.com" not in client.get("/redoc").text
