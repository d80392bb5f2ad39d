"""The judge of meaning: cue words and department names in the sentence, on their own."""

from __future__ import annotations

import pytest

from glossary.matching.index import TermIndex
from glossary.matching.meaning import MeaningJudge, sentence
from glossary.matching.model import Glossary, Term
from glossary.matching.text import fold_same_length


def _budget(seed: Glossary) -> Term:
    term = seed.term("budget")
    assert term is not None
    return term


@pytest.mark.parametrize(
    ("text", "department"),
    [
        ("Budgeten räcker till medieköp och byrån.", "marketing"),
        ("Budgeten ska ge provision till säljarna.", "sales"),
        ("Säljchefen äger budgeten.", "sales"),
        ("The budget is set.", None),
        # Each side has one cue: a tie says nothing.
        ("Budgeten för medieköp och provision.", None),
        # A cue in the next sentence does not count.
        ("Budgeten är satt. Provision betalas i maj.", None),
    ],
)
def test_the_judge_reads_the_sentence_around_the_word(
    text: str, department: str | None, seed: Glossary
) -> None:
    folded = fold_same_length(text)
    start = folded.index("budget")
    judge = MeaningJudge(seed)
    assert judge.likely_department(_budget(seed), folded, start, start + 8) == department


def test_a_term_of_one_meaning_is_not_judged(seed: Glossary) -> None:
    one = next(t for t in seed.terms if len(t.meanings) == 1)
    assert MeaningJudge(seed).likely_department(one, "säljarnas provision x", 19, 20) is None


def test_sentence_bounds_stop_at_marks_and_blank_lines() -> None:
    text = "First one. The budget here! Next.\n\nAfter."
    start = text.index("budget")
    begin, end = sentence(text, start, start + 6)
    assert text[begin:end] == "The budget here"


def test_the_index_holds_no_judgement(seed: Glossary) -> None:
    index = TermIndex.build(seed)
    for name in ("votes", "cues", "department_words", "descriptions"):
        assert not hasattr(index, name)
