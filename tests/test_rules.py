"""The glossary's rules (glossary.rules), one answer for the file loader and the API alike."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from fastapi.testclient import TestClient

from glossary.errors import InvalidGlossaryFile, InvalidInput, Problem
from glossary.matching.model import Meaning, Term
from glossary.rules import (
    Word,
    Words,
    check_change,
    duplicates,
    label_key,
    related_problem,
    require_known_departments,
    word_problems,
)
from glossary.terms_file import parse_glossary
from tests.conftest import auth, problem

# Two labels collide when the matcher would find both in the same text: hyphens and spaces
# are alike there (`matching.text.words`), so they are alike here. The file loader used to
# fold only case and spaces; the API also took '-' for a space. (a, b, file before, API before,
# now).
COLLISIONS = [
    ("go-to-market", "go to market", False, True, True),
    ("e-post", "e post", False, True, True),
    ("Sell-Through", "sell through", False, True, True),
    ("pre - sales", "pre sales", False, True, True),
    ("e\u2011faktura", "e-faktura", False, False, True),  # a non-breaking hyphen
    ("partner's", "partner\u2019s", False, False, True),  # the typographic apostrophe
    ("B2B", "b2b", True, True, True),
    ("STRASSE", "Straße", True, True, True),
    ("Cafe\u0301", "café", True, True, True),  # decomposed and composed é
    ("key  account", "key account", True, True, True),
    ("e-handel", "ehandel", False, False, False),
    ("sales lead", "sales-leads", False, False, False),
]


@pytest.mark.parametrize(("a", "b", "file_before", "api_before", "now"), COLLISIONS)
def test_label_key_decides_one_answer(
    a: str, b: str, file_before: bool, api_before: bool, now: bool
) -> None:
    assert (label_key(a) == label_key(b)) is now


def _file(a: str, b: str) -> str:
    def term(term_id: str, label: str) -> str:
        return (
            f"  - id: {term_id}\n"
            f"    labels: {{en: [{label!r}]}}\n"
            "    meanings: [{department: sales, definition: {en: A word.}}]\n"
        )

    head = "schema: 1\nlanguages: [en]\ndepartments: [{id: sales, name: {en: Sales}}]\nterms:\n"
    return head + term("first", a) + term("second", b)


@pytest.mark.parametrize(("a", "b", "file_before", "api_before", "now"), COLLISIONS)
def test_the_file_loader_gives_the_one_answer(
    a: str, b: str, file_before: bool, api_before: bool, now: bool
) -> None:
    if not now:
        assert len(parse_glossary(_file(a, b)).terms) == 2
        return
    with pytest.raises(InvalidGlossaryFile) as raised:
        parse_glossary(_file(a, b))
    message = f"label '{b}' is also a label of term 'first'"
    assert raised.value.problems == [Problem("terms[1].labels.en[0]", message, 9)]


def _term(term_id: str, label: str) -> dict[str, Any]:
    return {
        "id": term_id,
        "labels": {"en": [label]},
        "meanings": [{"department": "sales", "definition": {"en": "A word."}}],
    }


def test_the_api_gives_the_one_answer(client: TestClient, api_keys: dict[str, str]) -> None:
    headers = auth(api_keys["editor"])
    for number, (a, b, _, _, now) in enumerate(COLLISIONS):
        first = client.post("/v1/terms", json=_term(f"first-{number}", a), headers=headers)
        assert first.status_code == 201, first.json()
        second = client.post("/v1/terms", json=_term(f"second-{number}", b), headers=headers)
        if not now:
            assert second.status_code == 201, (a, b, second.json())
            continue
        assert second.status_code == 422, (a, b, second.json())
        message = f"{b!r} is also a word of term 'first-{number}'"
        assert problem(second)["details"] == [{"path": "term.labels.en", "message": message}]


def test_a_prefer_wording_that_is_a_label_written_otherwise_is_refused() -> None:
    text = _file("go-to-market", "launch").replace(
        "definition: {en: A word.}}]\n  - id: second",
        "definition: {en: A word.}, prefer: {en: [go to market]}}]\n  - id: second",
    )
    with pytest.raises(InvalidGlossaryFile) as raised:
        parse_glossary(text)
    message = "prefer wording 'go to market' is one of the term's labels"
    assert [p.message for p in raised.value.problems] == [message]


def _plain(term_id: str, labels: tuple[str, ...], forms: tuple[str, ...] = ()) -> Term:
    meaning = Meaning("sales", {"en": "A word."})
    return Term(term_id, {"en": labels}, (meaning,), forms={"en": forms} if forms else {})


def test_words_belong_to_one_term_and_a_term_may_repeat_a_label_as_a_form() -> None:
    seen = Words()
    first = Word("plan", "label", "a")
    assert seen.clash("en", "Go-live", first) is None
    assert seen.clash("en", "go live", Word("plan", "form", "b")) is None
    assert seen.clash("en", "GO LIVE", Word("plan", "label", "c")) is first
    assert seen.clash("sv", "go live", Word("other", "label", "d")) is None
    assert seen.clash("en", "go\u2011live", Word("other", "label", "e")) is first


def test_word_problems_name_the_term_or_the_repeat() -> None:
    terms = [_plain("plan", ("go-live",)), _plain("launch", ("go live", "launch", "Launch"))]
    assert word_problems(terms, paths={"launch": "term"}) == [
        Problem("term.labels.en", "'go live' is also a word of term 'plan'"),
        Problem("term.labels.en", "'Launch' is listed twice"),
    ]


def test_a_change_is_checked_with_the_new_terms_last() -> None:
    final = {"new": _plain("new", ("go live",)), "old": _plain("old", ("go-live",))}
    with pytest.raises(InvalidGlossaryFile) as raised:
        check_change(final, paths={"new": "term"})
    assert raised.value.problems == [
        Problem("term.labels.en", "'go live' is also a word of term 'old'")
    ]
    related = {"new": Term("new", {"en": ("x",)}, (), related=("nope",))}
    with pytest.raises(InvalidGlossaryFile) as raised:
        check_change(related, paths={"new": "term"})
    assert raised.value.problems == [Problem("term.related", "unknown term 'nope'")]


def test_related_terms_and_duplicates() -> None:
    assert related_problem("lead", "budget") is None
    assert related_problem("budget", "budget") == "a term cannot be related to itself"
    assert related_problem("Lead", "budget") == (
        "invalid id 'Lead': use lowercase letters, digits and '-', not starting with '-'"
    )
    items = [("a", "x"), ("b", "y"), ("c", "x"), ("d", ""), ("e", "")]
    assert list(duplicates(items)) == [("c", "x", "a")]


def test_unknown_departments_are_named_with_the_known_ones() -> None:
    require_known_departments(given=["sales"], known=["sales", "marketing"], where="audience")
    with pytest.raises(InvalidInput) as raised:
        require_known_departments(given=["hr", "sales"], known=["sales"], where="audience")
    assert raised.value.message == "unknown department 'hr' in audience; known: sales"


def test_the_rules_are_pure() -> None:
    """The rules load no YAML, XML, web or database code: every entry point can afford them."""
    code = (
        "import sys, glossary.rules; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'yaml', 'lxml', 'fastapi', 'sqlmodel', 'sqlalchemy', 'pydantic'}))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
