"""The sentence's language as a table: each sentence decides which language's endings apply.
An English sentence does not take the Swedish endings that also make English words on an
English label (*leaden*, *budgeten*; *budgetar* stays the term), a Swedish sentence does not
take an English ending that makes a Swedish word (*parentes*); loanwords keep their Swedish
endings in Swedish sentences (*pipelinen*) and their English plurals too (*accounts*), and a
Swedish label stays flagged in an English sentence (*our kampanj*). A mixed text is read
sentence by sentence.

Rows are (text, expected) as in `test_matching`, checked against the seed glossary unless
the table says otherwise.
"""

from __future__ import annotations

import time

import pytest

from glossary.matching.index import TermIndex
from glossary.matching.model import Department, Glossary, Meaning, Term
from glossary.matching.scan import CheckOptions, check
from tests.matching.test_matching import Row, found


def _inflected(text: str, term: str) -> Row:
    return (text, term, "ambiguous", "inflection")


def _exact(text: str, term: str) -> Row:
    return (text, term, "ambiguous", "exact")


SWEDISH: list[tuple[str, list[Row]]] = [
    (
        "Vi har tre leads och två accounts i pipelinen.",
        [
            _exact("leads", "lead"),
            _inflected("accounts", "account"),
            _inflected("pipelinen", "pipeline"),
        ],
    ),
    (
        "Targeten för kvartalet är satt, och leadsen från mässan är inlagda.",
        [_inflected("Targeten", "target"), _inflected("leadsen", "lead")],
    ),
    (
        "Vi behöver två personas till kampanjen.",
        [_inflected("personas", "persona"), _inflected("kampanjen", "campaign")],
    ),
    (
        "Churnen ökar och funneln läcker.",
        [_inflected("Churnen", "churn"), _inflected("funneln", "funnel")],
    ),
    (
        "Pitchen gick bra, men forecasten är för hög.",
        [_inflected("Pitchen", "pitch"), _inflected("forecasten", "forecast")],
    ),
    (
        "Öppna leaden i CRM:et och koppla den till kampanjen.",
        [_inflected("leaden", "lead"), _inflected("kampanjen", "campaign")],
    ),
    ("Hon leder mötet och vi följer leden ner till sjön.", []),
    ("Budgeten", [_inflected("Budgeten", "budget")]),
]

ENGLISH: list[tuple[str, list[Row]]] = [
    ("Our kampanj is late again this quarter.", [_exact("kampanj", "campaign")]),
    ("The kampanjer we ran in May were late.", [_inflected("kampanjer", "campaign")]),
    (
        "We have three leads and two accounts in the pipeline.",
        [
            _exact("leads", "lead"),
            _inflected("accounts", "account"),
            _exact("pipeline", "pipeline"),
        ],
    ),
    ("The sky was leaden over the harbour all week.", []),
    ("She gave a leaden speech about the pipeline.", [_exact("pipeline", "pipeline")]),
    ("We need the budgeten for the whole year before Friday.", []),
    ("The segmenten were split by region, as the targeten said.", []),
    ("Is the funneln broken again or is it the pipelinen?", []),
    # Swedish endings that make no English word: only a Swede writes them, and means the term.
    (
        "We saw three budgetar and the segmentet was split in May.",
        [_inflected("budgetar", "budget"), _inflected("segmentet", "segment")],
    ),
    (
        "Our leadet from the fair did not reply, and the leaden mood stayed.",
        [_inflected("leadet", "lead")],
    ),
    (
        "Both opportunities and prospects are in the forecast.",
        [
            _inflected("opportunities", "opportunity"),
            _inflected("prospects", "prospect"),
            _exact("forecast", "forecast"),
        ],
    ),
]

MIXED: list[tuple[str, list[Row]]] = [
    (
        "Budgeten är låst för helåret. The budget is locked for the year.",
        [_inflected("Budgeten", "budget"), _exact("budget", "budget")],
    ),
    (
        'Karin skrev: "The mood at the review was leaden and the budget is gone." '
        "Vi tar det på mötet.",
        [_exact("budget", "budget")],
    ),
    (
        "Karin wrote: Targeten för Q1 är satt och pipelinen ser bra ut. Let us discuss the target.",
        [
            _inflected("Targeten", "target"),
            _inflected("pipelinen", "pipeline"),
            _exact("target", "target"),
        ],
    ),
    (
        "[09:02] Petra: leadsen från mässan är inlagda nu\n"
        "[09:03] Tom: the leaden mood at the fair did not help the leads",
        [_inflected("leadsen", "lead"), _exact("leads", "lead")],
    ),
    # A mail wrapped at 72 characters: a line that goes on in lower case is the same sentence.
    ("We reviewed the numbers with Karin and the\nleaden mood in the room did not help.", []),
    (
        "Vi gick igenom siffrorna med Karin och\npipelinen ser bra ut nu.",
        [_inflected("pipelinen", "pipeline")],
    ),
    (
        "Hej Tom,\n\nthe leaden forecast is the one from May.\n\nMvh Karin",
        [_exact("forecast", "forecast")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SWEDISH + ENGLISH + MIXED)
def test_the_sentence_decides_which_endings_apply(
    text: str, expected: list[Row], index: TermIndex
) -> None:
    assert found(text, index) == expected


def _term(term_id: str, sv: str, en: str) -> Term:
    meanings = (Meaning("sales", {"en": "one"}), Meaning("marketing", {"en": "two"}))
    return Term(id=term_id, labels={"sv": (sv,), "en": (en,)}, meanings=meanings)


@pytest.fixture(scope="module")
def words_of_both() -> TermIndex:
    """Labels whose inflections are everyday words of the other language."""
    departments = (Department("sales", {"en": "Sales"}), Department("marketing", {"en": "Mkt"}))
    terms = (
        _term("recipe", "recept", "recipe"),
        _term("parent", "moderbolag", "parent"),
        _term("history", "historia", "history"),
    )
    return TermIndex.build(Glossary(("sv", "en"), departments, terms))


WORDS_OF_BOTH: list[tuple[str, list[Row]]] = [
    # recept + Swedish -or, historia + -ns: English words in English sentences.
    ("The receptor binds the hormone.", []),
    ("Both historians agree on the dates.", []),
    (
        "Receptet är klart och recepten är sparade.",
        [
            _inflected("Receptet", "recipe"),
            _inflected("recepten", "recipe"),
        ],
    ),
    # parent + English -es: a Swedish word in a Swedish sentence.
    ("Siffran står inom parentes i rapporten.", []),
    ("The parents signed the form.", [_inflected("parents", "parent")]),
    ("Our recipes are new.", [_inflected("recipes", "recipe")]),
]


@pytest.mark.parametrize(("text", "expected"), WORDS_OF_BOTH)
def test_a_word_of_the_sentence_language_is_not_a_foreign_label(
    text: str, expected: list[Row], words_of_both: TermIndex
) -> None:
    assert found(text, words_of_both) == expected


def _seconds(text: str, index: TermIndex) -> float:
    started = time.process_time()
    check(text, index, CheckOptions())
    return time.process_time() - started


HOSTILE = {
    "no stop marks": "the budgeten was ",
    "stop marks without spaces": "the.budgeten.was.",
    "lines that go on in lower case": "the budgeten\nwas ",
    "short sentences": "The budgeten was. ",
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_reading_sentences_is_linear_in_the_text(kind: str, index: TermIndex) -> None:
    piece = HOSTILE[kind]
    small, large = piece * (15_000 // len(piece)), piece * (240_000 // len(piece))
    assert not check(small, index).findings
    # Linear: ~16x; quadratic: ~256x. Noise only slows a run down.
    bound = 16 * 3 * min(_seconds(small, index) for _ in range(3)) + 0.5
    assert any(_seconds(large, index) < bound for _ in range(3))
