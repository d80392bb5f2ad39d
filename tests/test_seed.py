"""The seed glossary is valid, complete, and says what the article says."""

from __future__ import annotations

import pytest

from glossary.matching.model import Glossary, Term
from glossary.terms_file import load_glossary
from tests.conftest import SEED

REQUIRED = [
    "budget",
    "spin",
    "positioning",
    "customer-strategy",
    "lead",
    "qualified-lead",
    "campaign",
    "pipeline",
    "target",
    "conversion",
    "funnel",
    "forecast",
    "offer",
    "account",
    "engagement",
    "segment",
    "activity",
    "mql",
    "sql",
    "sla",
    "icp",
    "crm",
]


@pytest.fixture(scope="module")
def seed() -> Glossary:
    return load_glossary(SEED)


def term(seed: Glossary, term_id: str) -> Term:
    found = seed.term(term_id)
    assert found is not None, f"the seed lacks {term_id!r}"
    return found


def test_the_seed_has_sales_and_marketing_and_at_least_30_terms(seed: Glossary) -> None:
    assert [d.id for d in seed.departments] == ["sales", "marketing"]
    assert {d.id: d.name["sv"] for d in seed.departments} == {
        "sales": "Sälj",
        "marketing": "Marknad",
    }
    assert len(seed.terms) >= 30
    assert seed.languages == ("sv", "en")


@pytest.mark.parametrize("term_id", REQUIRED)
def test_the_seed_holds_the_well_known_ambiguities(seed: Glossary, term_id: str) -> None:
    term(seed, term_id)


def test_every_term_is_bilingual_and_every_meaning_has_prefer_wordings(seed: Glossary) -> None:
    for t in seed.terms:
        assert {"sv", "en"} <= t.labels.keys(), t.id
        for meaning in t.meanings:
            assert {"sv", "en"} <= meaning.definition.keys(), (t.id, meaning.department)
            if t.ambiguous:
                assert meaning.prefer.get("sv"), (t.id, meaning.department)
                assert meaning.prefer.get("en"), (t.id, meaning.department)


@pytest.mark.parametrize(
    ("term_id", "department", "sv_prefer", "en_prefer"),
    [
        ("budget", "sales", "intäktsbudget", "revenue budget"),
        ("budget", "marketing", "kostnadsbudget", "cost budget"),
    ],
)
def test_budget_is_defined_as_in_the_article(
    seed: Glossary, term_id: str, department: str, sv_prefer: str, en_prefer: str
) -> None:
    meaning = next(m for m in term(seed, term_id).meanings if m.department == department)
    assert sv_prefer in meaning.prefer["sv"]
    assert en_prefer in meaning.prefer["en"]


def test_spin_and_positioning_mean_what_the_article_says(seed: Glossary) -> None:
    spin = {m.department: m.definition["en"].lower() for m in term(seed, "spin").meanings}
    assert "situation" in spin["sales"]
    assert "need" in spin["sales"]
    assert "headline" in spin["marketing"] or "news" in spin["marketing"]
    positioning = term(seed, "positioning")
    assert "positionering" in positioning.labels["sv"]
    meanings = {m.department: m.definition["en"].lower() for m in positioning.meanings}
    assert "brand" in meanings["marketing"]
    assert "deal" in meanings["sales"]


def test_borrowed_english_words_have_swedish_labels(seed: Glossary) -> None:
    for term_id, word in [
        ("lead", "lead"),
        ("pipeline", "pipeline"),
        ("target", "target"),
        ("funnel", "funnel"),
    ]:
        sv = [label.lower() for label in term(seed, term_id).labels["sv"]]
        assert word in sv, (term_id, sv)


def test_offert_is_not_a_label_of_offer(seed: Glossary) -> None:
    labels = {label.lower() for labels in term(seed, "offer").labels.values() for label in labels}
    assert "offert" not in labels


@pytest.mark.parametrize("term_id", ["mql", "sql", "sla", "icp", "crm"])
def test_the_abbreviations_are_unambiguous(seed: Glossary, term_id: str) -> None:
    assert not term(seed, term_id).ambiguous
