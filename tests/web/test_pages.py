"""The pages over HTTP (no browser): language choice, search without JavaScript, the check
page's escaping, the widget script and cross-origin access for the widget's calls."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from glossary.api.app import create_app
from glossary.matching.views import label_key
from glossary.settings import Settings
from glossary.web.texts import choose_language
from tests.conftest import SEED, SMALL, import_file


@pytest.mark.parametrize(
    ("asked", "cookie", "accept", "chosen"),
    [
        (None, None, "en-GB,en;q=0.9,sv;q=0.8", "en"),
        (None, None, "de-DE,sv;q=0.5,en;q=0.4", "sv"),
        (None, None, "fr", "sv"),  # neither: the glossary's first language
        (None, "en", "sv", "en"),  # an earlier choice wins over the browser's
        ("sv", "en", "en", "sv"),  # ?lang= wins over both
        (None, None, "en;q=0,sv;q=0.1", "sv"),
    ],
)
def test_the_page_language(asked: str | None, cookie: str | None, accept: str, chosen: str) -> None:
    assert choose_language(asked, cookie, accept) == chosen


def test_the_glossary_page_follows_accept_language_and_remembers_a_switch(
    client: TestClient,
) -> None:
    english = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in english.text
    assert "Sales" in english.text
    assert "Search for a word" in english.text
    switched = client.get("/?lang=sv", headers={"Accept-Language": "en"})
    assert '<html lang="sv">' in switched.text
    assert switched.cookies.get("glossary_lang") == "sv"
    again = client.get("/", headers={"Accept-Language": "en"})
    assert '<html lang="sv">' in again.text  # the cookie remembers the switch


def test_search_and_filters_work_without_javascript(client: TestClient) -> None:
    found = client.get("/", params={"q": "positoning", "lang": "en"})
    assert 'id="term-positioning"' in found.text
    by_tag = client.get("/", params={"tag": "economy", "lang": "en"})
    assert 'id="term-budget"' in by_tag.text
    assert 'id="term-positioning"' not in by_tag.text
    partial = client.get("/", params={"q": "budget", "partial": "1"})
    assert partial.text.lstrip().startswith('<p class="count" role="status">')


def test_a_term_page_and_a_missing_one(client: TestClient) -> None:
    page = client.get("/terms/budget", params={"lang": "en"})
    assert page.status_code == 200
    assert "Revenue budget" in page.text
    assert "Cost budget" in page.text
    assert 'href="/terms/positioning"' in page.text  # related
    assert client.get("/terms/nope").status_code == 404


def test_the_check_page_escapes_what_it_shows(client: TestClient) -> None:
    answer = client.post(
        "/check", params={"lang": "sv"}, data={"text": "<b>budgeten</b> & <script>x</script>"}
    )
    assert answer.status_code == 200
    assert "&lt;b&gt;<mark" in answer.text
    assert "<script>x</script>" not in answer.text


def test_the_widget_script_is_served_as_javascript(client: TestClient) -> None:
    answer = client.get("/widget.js")
    assert answer.headers["content-type"].startswith("text/javascript")
    assert "window.GlossaryWidget" in answer.text


def test_cross_origin_calls_of_the_widget_are_allowed_for_configured_origins(
    engine: object, settings: Settings
) -> None:
    import_file(engine, SMALL)  # type: ignore[arg-type]
    allowed = "https://intranet.example.com"
    app = create_app(settings.model_copy(update={"cors_origins": [allowed]}))
    with TestClient(app) as client:
        preflight = client.options(
            "/v1/check",
            headers={
                "Origin": allowed,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == allowed
        other = client.options(
            "/v1/check",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
        assert "access-control-allow-origin" not in other.headers
        terms = client.get("/v1/terms", params={"q": "budget"}, headers={"Origin": allowed})
        assert terms.headers["access-control-allow-origin"] == allowed


def test_label_order_puts_swedish_letters_after_z() -> None:
    words = ["öl", "Ål", "äng", "zebra", "Apa", "éclair"]
    assert sorted(words, key=lambda w: label_key(w, "sv")) == [
        "Apa",
        "éclair",
        "zebra",
        "Ål",
        "äng",
        "öl",
    ]
    assert sorted(["öl", "zebra", "Ål"], key=lambda w: label_key(w, "en")) == ["Ål", "öl", "zebra"]


def test_the_glossary_is_listed_by_the_label_in_the_page_language(
    engine: object, settings: Settings
) -> None:
    import_file(engine, SEED)  # type: ignore[arg-type]
    with TestClient(create_app(settings)) as client:
        swedish = re.findall(r'id="term-([^"]+)"', client.get("/?lang=sv").text)
        english = re.findall(r'id="term-([^"]+)"', client.get("/?lang=en").text)
    # affärsmöjlighet, aktivitet, attribution, bearbetning, budget ... värdeerbjudande
    assert swedish[:5] == ["opportunity", "activity", "attribution", "nurturing", "budget"]
    assert swedish.index("value-proposition") > swedish.index("territory")
    assert english[:4] == ["account", "activity", "attribution", "budget"]


def test_term_history_names_the_change_and_the_fields_readably(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    editor = {"Authorization": f"Bearer {api_keys['editor']}"}
    current = client.get("/v1/terms/budget")
    body = {key: value for key, value in current.json().items() if key not in UNWRITABLE}
    body["meanings"][0]["definition"]["sv"] = "Intäktsbudget – vad säljarna lovar."
    body["tags"] = ["economy", "finance"]
    changed = client.put(
        "/v1/terms/budget", json=body, headers={**editor, "If-Match": current.headers["etag"]}
    )
    assert changed.status_code == 200, changed.text
    swedish = history_rows(client.get("/terms/budget", params={"lang": "sv"}).text)
    english = history_rows(client.get("/terms/budget", params={"lang": "en"}).text)
    assert swedish[0][1:] == ["Ändrad", "editor-key", "Sälj: definition (sv), etiketter"]
    assert english[0][1:] == ["Updated", "editor-key", "Sales: definition (sv), tags"]
    assert swedish[-1][1] == "Importerad"
    assert english[-1][1] == "Imported"


UNWRITABLE = ("revision", "created_at", "updated_at", "updated_by")


def history_rows(html: str) -> list[list[str]]:
    """The cells of the history table but its time, row by row."""
    table = html.split('<table class="history">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in rows]
    return [[c for i, c in enumerate(row) if i != 3] for row in cells]


def test_the_check_page_shows_what_to_write_instead_per_department(client: TestClient) -> None:
    page = client.post("/check", params={"lang": "sv"}, data={"text": "Vi måste hålla budgeten."})
    prefer = re.findall(r'<p class="prefer">(.*?)</p>', page.text, re.S)
    assert prefer == [
        "Skriv hellre: Sälj: intäktsbudget, säljbudget · Marknad: kostnadsbudget, marknadsbudget"
    ]
