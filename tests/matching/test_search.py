"""Search over terms: the rows say what a marketing lead typing into the search box should get."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

import pytest

from glossary.matching.model import Meaning, Term
from glossary.matching.search import TermSearch


def _term(
    term_id: str,
    en: str,
    sv: str,
    *meanings: Meaning,
    forms: dict[str, tuple[str, ...]] | None = None,
) -> Term:
    return Term(
        id=term_id,
        labels={"en": (en,), "sv": (sv,)},
        meanings=meanings,
        forms=forms or {},
    )


def _meaning(department: str, en: str, sv: str, /, **prefer: tuple[str, ...]) -> Meaning:
    return Meaning(department=department, definition={"en": en, "sv": sv}, prefer=prefer)


TERMS = (
    _term(
        "budget",
        "budget",
        "budget",
        _meaning(
            "sales",
            "The revenue a seller is expected to bring in during a period; the quota.",
            "De intäkter en säljare förväntas dra in under en period; kvoten.",
            sv=("intäktsbudget",),
            en=("revenue budget",),
        ),
        _meaning(
            "marketing",
            "The money marketing may spend on campaigns and tools during a period.",
            "De pengar marknad får lägga på kampanjer och verktyg under en period.",
            sv=("kostnadsbudget",),
            en=("marketing budget",),
        ),
        forms={"en": ("budgets",), "sv": ("budgeten", "budgetar")},
    ),
    _term(
        "positioning",
        "positioning",
        "positionering",
        _meaning(
            "marketing",
            "How a brand wants to be perceived relative to competitors.",
            "Hur ett varumärke vill uppfattas i förhållande till konkurrenterna.",
        ),
    ),
    _term(
        "customer-strategy",
        "customer strategy",
        "kundstrategi",
        _meaning(
            "sales",
            "Which customers to win and keep, and how.",
            "Vilka kunder vi vill vinna och behålla, och hur.",
        ),
    ),
    _term(
        "campaign",
        "campaign",
        "kampanj",
        _meaning(
            "marketing",
            "A coordinated set of marketing activities with one goal and an end date.",
            "En samordnad mängd marknadsaktiviteter med ett mål och ett slutdatum.",
        ),
        forms={"en": ("campaigns",), "sv": ("kampanjen", "kampanjer")},
    ),
    _term(
        "lead",
        "lead",
        "lead",
        _meaning(
            "sales",
            "A person or company that has shown interest but is not yet qualified.",
            "En person eller ett företag som visat intresse men ännu inte är kvalificerat.",
        ),
        _meaning(
            "marketing",
            "A contact captured by a form, event or download.",
            "En kontakt som fångats via formulär, event eller nedladdning.",
            en=("marketing lead",),
        ),
        forms={"en": ("leads",), "sv": ("leadet", "leads")},
    ),
    _term(
        "qualified-lead",
        "qualified lead",
        "kvalificerat lead",
        _meaning(
            "sales",
            "A lead that meets the agreed criteria for budget, need and timing.",
            "Ett lead som uppfyller överenskomna kriterier för budget, behov och tidpunkt.",
        ),
    ),
    _term(
        "spin",
        "spin",
        "spin",
        _meaning(
            "sales",
            "A questioning method: situation, problem, implication, need-payoff.",
            "En frågemetodik: situation, problem, implikation, nyttoeffekt.",
        ),
    ),
)

SEARCH = TermSearch(TERMS)


def _ids(query: str) -> list[str]:
    return [term_id for term_id, _ in SEARCH.search(query)]


def _score(query: str, term_id: str) -> float | None:
    return dict(SEARCH.search(query)).get(term_id)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        # exact labels, English and Swedish, any case
        ("budget", "budget"),
        ("Positioning", "positioning"),
        ("positionering", "positioning"),
        ("kundstrategi", "customer-strategy"),
        ("customer strategy", "customer-strategy"),
        ("KAMPANJ", "campaign"),
        ("lead", "lead"),
        ("qualified lead", "qualified-lead"),
        ("kvalificerat lead", "qualified-lead"),
        # spaces and hyphens fold away
        ("customer-strategy", "customer-strategy"),
        ("kund strategi", "customer-strategy"),
        ("  Qualified   LEAD ", "qualified-lead"),
        # search as you type: label prefixes and label word prefixes
        ("b", "budget"),
        ("posit", "positioning"),
        ("budg", "budget"),
        ("kundstr", "customer-strategy"),
        ("strat", "customer-strategy"),
        ("qualif", "qualified-lead"),
        ("camp", "campaign"),
        # forms and prefer wordings
        ("budgetar", "budget"),
        ("kampanjer", "campaign"),
        ("intäktsbudget", "budget"),
        ("kostnadsbudget", "budget"),
        ("revenue budget", "budget"),
        ("marketing budget", "budget"),
        ("budget marketing", "budget"),
        ("marketing lead", "lead"),
        ("intäkts", "budget"),
        # misspellings
        ("positoning", "positioning"),
        ("possitioning", "positioning"),
        ("budegt", "budget"),
        ("campain", "campaign"),
        ("kampanf", "campaign"),
        ("kundstrattegi", "customer-strategy"),
        ("custmer strategy", "customer-strategy"),
        ("qualifed lead", "qualified-lead"),
        ("stratgy", "customer-strategy"),
        # no diacritics typed
        ("intaktsbudget", "budget"),
        ("positionerin", "positioning"),
        # definition words
        ("revenue", "budget"),
        ("quota", "budget"),
        ("kvoten", "budget"),
        ("competitors", "positioning"),
        ("varumärke", "positioning"),
        ("implication", "spin"),
        ("situation problem", "spin"),
        ("konkurr", "positioning"),
    ],
)
def test_first_hit(query: str, first: str) -> None:
    assert _ids(query)[:1] == [first]


@pytest.mark.parametrize(
    "query",
    ["", "   ", "-", "xyzzy", "qwertyuiop", "blockchain", "zz"],
)
def test_nothing_relevant(query: str) -> None:
    assert SEARCH.search(query) == []


@pytest.mark.parametrize(
    ("query", "term_id"),
    [
        ("spinach", "spin"),
        ("bucket", "budget"),
        ("camping", "campaign"),
        ("strategic", "customer-strategy"),
        ("positive", "positioning"),
        ("kampen", "campaign"),
    ],
)
def test_near_words_are_not_strong_hits(query: str, term_id: str) -> None:
    score = _score(query, term_id)
    assert score is None or score < 60


@pytest.mark.parametrize(
    ("query", "better", "worse"),
    [
        # exact label > another term's label word
        ("lead", "lead", "qualified-lead"),
        # label prefix > definition word prefix
        ("budg", "budget", "qualified-lead"),
        # exact label > definition word
        ("budget", "budget", "qualified-lead"),
        # prefer wording > definition word
        ("marketing budget", "budget", "campaign"),
        ("marketing lead", "lead", "campaign"),
    ],
)
def test_order(query: str, better: str, worse: str) -> None:
    ids = _ids(query)
    assert worse in ids
    assert ids.index(better) < ids.index(worse)


@pytest.mark.parametrize(
    ("exact", "fuzzy", "term_id"),
    [
        ("positioning", "positoning", "positioning"),
        ("budget", "budegt", "budget"),
        ("intäktsbudget", "intaktsbudget", "budget"),
        ("campaign", "campain", "campaign"),
    ],
)
def test_exact_scores_above_fuzzy(exact: str, fuzzy: str, term_id: str) -> None:
    exact_score = _score(exact, term_id)
    fuzzy_score = _score(fuzzy, term_id)
    assert exact_score is not None
    assert fuzzy_score is not None
    assert exact_score > fuzzy_score


@pytest.mark.parametrize(
    ("query", "low", "high"),
    [
        ("budget", 100, 100),  # exact label
        ("posit", 90, 99),  # label prefix
        ("strategy", 85, 89.9),  # label word
        ("kostnadsbudget", 80, 80),  # exact prefer wording
        ("kostnads", 74, 79.9),  # prefer prefix
        ("positoning", 50, 75),  # misspelled label
        ("quota", 20, 45),  # definition word
    ],
)
def test_score_bands(query: str, low: float, high: float) -> None:
    (_, score), *_ = SEARCH.search(query)
    assert low <= score <= high


def test_short_queries_match_prefixes_only() -> None:
    assert _ids("q") == ["qualified-lead"]
    assert _ids("i") == ["budget"]  # intäktsbudget, not spin's "implication"
    assert _ids("h") == []  # only definitions have words starting with h


def test_normalization_preserves_accents() -> None:
    decomposed = unicodedata.normalize("NFD", "intäktsbudget")
    assert SEARCH.search(decomposed)[0] == ("budget", 80.0)
    assert (_score("intaktsbudget", "budget") or 0) < 80


def test_ties_are_ordered_by_id() -> None:
    # campaign and qualified-lead each have one of the two words in a definition
    (best, _), (tied, score), (other, other_score) = SEARCH.search("marketing budget")
    assert (best, tied, other) == ("budget", "campaign", "qualified-lead")
    assert score == other_score


def test_limit() -> None:
    assert len(SEARCH.search("lead")) > 1
    assert SEARCH.search("lead", limit=1) == [("lead", 100.0)]
    assert SEARCH.search("lead", limit=0) == []
    with pytest.raises(ValueError, match="limit"):
        SEARCH.search("lead", limit=-1)


def test_empty_index() -> None:
    assert TermSearch([]).search("budget") == []


def _synthetic(i: int) -> Term:
    word = f"term{i:05d}"
    return _term(
        f"t{i:05d}",
        f"{word} plan",
        f"{word}plan",
        _meaning("sales", f"Sales meaning number {i} of {word}.", f"Säljbetydelse {i}."),
        _meaning("marketing", f"Marketing meaning {i}.", f"Marknadsbetydelse {i}."),
    )


def test_ten_thousand_terms() -> None:
    search = TermSearch([*map(_synthetic, range(10_000)), *TERMS])
    assert search.search("term04242 plan")[0] == ("t04242", 100.0)
    assert search.search("term04242plam")[0][0] == "t04242"
    assert search.search("positoning")[0][0] == "positioning"
    assert len(search.search("term0", limit=20)) == 20


def test_search_stays_pure() -> None:
    code = (
        "import json, sys, glossary.matching.search; "
        "print(json.dumps([m for m in sys.modules if m.split('.')[0] in "
        "('glossary', 'fastapi', 'sqlalchemy', 'sqlmodel', 'starlette')]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout)
    assert all(m == "glossary" or m.startswith("glossary.matching") for m in loaded), loaded
