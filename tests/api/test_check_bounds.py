"""A check answers with at most GLOSSARY_MAX_FINDINGS findings, says when it cut the list, and
gives each term's meanings once if asked: /v1/check, /v2/check and the /check page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from glossary.api import create_app
from glossary.settings import Settings
from tests.cli.test_serve import live_server
from tests.conftest import SMALL, import_file, problem, run_cli

TEN = "The budget is set. " * 10


@pytest.fixture
def limited(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    """A client of a server that answers with at most three findings."""
    import_file(engine, SMALL)
    with TestClient(create_app(settings.model_copy(update={"max_findings": 3}))) as client:
        yield client


def check(client: TestClient, **body: Any) -> Any:
    response = client.post("/v1/check", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_at_most_the_servers_limit_and_a_flag_that_more_were_left(limited: TestClient) -> None:
    answer = check(limited, text=TEN)
    assert [f["offset"] for f in answer["findings"]] == [4, 23, 42]
    assert answer["truncated"] is True
    assert check(limited, text="The budget is set.")["truncated"] is False


@pytest.mark.parametrize(("asked", "count"), [(1, 1), (3, 3), (50, 3)])
def test_a_request_may_ask_for_fewer_never_for_more(
    limited: TestClient, asked: int, count: int
) -> None:
    answer = check(limited, text=TEN, max_findings=asked)
    assert (len(answer["findings"]), answer["truncated"]) == (count, True)


def test_max_findings_must_be_positive(client: TestClient) -> None:
    response = client.post("/v1/check", json={"text": "budget", "max_findings": 0})
    assert response.status_code == 422
    assert any("max_findings" in d["path"] for d in problem(response)["details"])


def test_meanings_once_per_term_when_asked(client: TestClient) -> None:
    text = "The budget and the budget's positioning."
    compact = check(client, text=text, meanings="per_term")
    assert [f["term"]["id"] for f in compact["findings"]] == ["budget", "budget", "positioning"]
    assert all("meanings" not in f for f in compact["findings"])
    assert set(compact["terms"]) == {"budget", "positioning"}
    budget = compact["terms"]["budget"]
    assert budget["label"] == "budget"
    assert [m["department"] for m in budget["meanings"]] == ["sales", "marketing"]
    full = check(client, text=text)
    assert "terms" not in full
    assert full["findings"][0]["meanings"] == budget["meanings"]


def test_a_megabyte_of_one_word_answers_in_bounded_size(client: TestClient) -> None:
    response = client.post("/v1/check", json={"text": "budget " * 140_000})
    assert response.status_code == 200
    assert len(response.json()["findings"]) == Settings().max_findings == 1_000
    assert len(response.content) < 1_500_000  # every finding used to carry every meaning: 151 MB


def test_languagetool_clients_get_at_most_the_limit_and_are_told(limited: TestClient) -> None:
    answer = limited.post("/v2/check", data={"text": TEN, "language": "en-US"}).json()
    assert len(answer["matches"]) == 3
    assert answer["warnings"]["incompleteResults"] is True
    one = limited.post("/v2/check", data={"text": "The budget.", "language": "en-US"}).json()
    assert one["warnings"]["incompleteResults"] is False


def test_languagetool_rules_turned_off_do_not_use_up_the_limit(limited: TestClient) -> None:
    text = TEN + "Our positioning."
    data = {"text": text, "language": "en", "disabledRules": "GLOSSARY_AMBIGUOUS_BUDGET"}
    answer = limited.post("/v2/check", data=data).json()
    assert [m["rule"]["id"] for m in answer["matches"]] == ["GLOSSARY_AMBIGUOUS_POSITIONING"]
    assert answer["warnings"]["incompleteResults"] is False


@pytest.mark.parametrize(
    ("lang", "note"),
    [("en", "Only the first 3 findings are shown"), ("sv", "Bara de 3 första fynden visas")],
)
def test_the_check_page_shows_the_first_findings_and_says_so(
    limited: TestClient, lang: str, note: str
) -> None:
    page = limited.post("/check", params={"lang": lang}, data={"text": TEN}).text
    assert len(re.findall(r'<li id="n\d+"', page)) == 3
    assert len(re.findall(r"<mark ", page)) == 3
    assert note in page
    whole = limited.post("/check", params={"lang": lang}, data={"text": "The budget."}).text
    assert note not in whole


def test_the_cli_through_a_server_says_when_the_server_cut_a_files_findings(
    database_url: str, tmp_path: Path
) -> None:
    (tmp_path / "brief.md").write_text(TEN, encoding="utf-8")
    with live_server(GLOSSARY_DATABASE_URL=database_url, GLOSSARY_MAX_FINDINGS="2") as base:
        result = run_cli("check", "--server", base, "--format", "json", "brief.md", cwd=tmp_path)
    assert result.returncode == 1
    (reported,) = json.loads(result.stdout)["files"]
    assert (reported["path"], len(reported["findings"])) == ("brief.md", 2)
    assert "brief.md: warning: the server reported only its first 2 findings" in result.stderr
