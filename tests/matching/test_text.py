"""One folding function: what the checker takes for the same word, search and sorting do too."""

from __future__ import annotations

import pytest

from glossary.matching.index import TermIndex
from glossary.matching.model import Glossary, Meaning, Term
from glossary.matching.scan import check
from glossary.matching.search import TermSearch
from glossary.matching.text import fold, fold_same_length
from glossary.matching.views import label_key

#: (label, as typed): pairs the old folds of search (casefold) and checker (lower) disagreed on,
#: and pairs every fold takes for the same word.
PAIRS = [
    ("Straße", "STRASSE"),
    ("Straße", "straße"),
    ("budget’s", "BUDGET'S"),
    ("Åtagande", "A\u030atagande"),
    ("Lead", "LEAD"),
]


def _term(label: str) -> Term:
    return Term(
        id="t",
        labels={"sv": (label,)},
        meanings=(Meaning("a", {"sv": "x"}), Meaning("b", {"sv": "y"})),
    )


@pytest.mark.parametrize(("label", "typed"), PAIRS)
def test_search_finds_a_label_exactly_when_the_checker_does(label: str, typed: str) -> None:
    term = _term(label)
    index = TermIndex.build(Glossary(languages=("sv",), departments=(), terms=(term,)))
    checked = [f.text for f in check(typed, index).findings] == [typed]
    searched = ("t", 100.0) in TermSearch([term]).search(typed)
    assert searched == checked == (fold(label) == fold(typed))


@pytest.mark.parametrize(("label", "typed"), PAIRS)
def test_labels_the_checker_takes_for_one_word_sort_as_one(label: str, typed: str) -> None:
    if fold(label) == fold(typed):
        assert label_key(label, "sv") == label_key(typed, "sv")


def test_fold_same_length_is_fold_of_an_nfc_text_with_its_offsets() -> None:
    text = "Budget’s ÅTAGANDE"
    assert fold_same_length(text) == fold(text) == "budget's åtagande"
    assert len(fold_same_length("İstanbul")) == len("İstanbul")
