"""Hostile texts and labels cost time and memory in proportion to their size, never its square.

The work tests count the lines of the engine that run (deterministic, like an operation
count); the timing tests catch work done in C (``str.find``, ``str.count``) that line
counts do not see, on sizes where a quadratic engine takes seconds and a linear one
milliseconds, with slack far above any noise.
"""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from glossary.matching import lookup
from glossary.matching.index import TermIndex
from glossary.matching.model import Glossary, Meaning, Term
from glossary.matching.scan import CheckOptions, check

ENGINE = "glossary/matching/"
SEED = Path(__file__).resolve().parents[2] / "data" / "terms.yaml"


def _repeat(words: list[str], size: int) -> str:
    """The words in turn, repeated until the text is ``size`` characters long."""
    out: list[str] = []
    length = i = 0
    while length < size:
        word = words[i % len(words)]
        out.append(word)
        length += len(word) + 1
        i += 1
    return " ".join(out)


def _prefers_and_labels(glossary: Glossary) -> list[str]:
    meanings = [m for t in glossary.terms for m in t.meanings]
    prefers = {p for m in meanings for ps in m.prefer.values() for p in ps}
    labels = {label for t in glossary.terms for ls in t.labels.values() for label in ls}
    # Interleaved, so that labels stand both inside prefer wordings and between them.
    return [w for pair in zip(sorted(prefers), sorted(labels) * 9, strict=False) for w in pair]


def _compounds(size: int) -> str:
    """Distinct Swedish compounds of a term: every one is a word of its own to look for."""
    syllables = [c + v for c in "bdfgklmnprstv" for v in "aeiouy"]
    words = [f"{a}{b}{c}budgeten" for a in syllables for b in syllables for c in syllables]
    return _repeat(words, size)


def _lines_run(text: str, index: TermIndex, options: CheckOptions) -> int:
    """How many lines of the engine one check runs."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if ENGINE in frame.f_code.co_filename.replace("\\", "/") else None

    sys.settrace(calls)
    try:
        check(text, index, options)
    finally:
        sys.settrace(None)
    return count


WORK: dict[str, tuple[Callable[[Glossary, int], str], CheckOptions]] = {
    "prefer wordings": (
        lambda g, n: _repeat(_prefers_and_labels(g), n),
        CheckOptions(),
    ),
    "idioms": (
        lambda g, n: _repeat(["take", "the", "budget", "into", "account", "leads", "to"], n),
        CheckOptions(),
    ),
    "markdown with every kind": (
        lambda g, n: _repeat([*_prefers_and_labels(g), "`x`", "budegt", "<b>x</b>"], n),
        CheckOptions(format="markdown", include=("ambiguous", "deprecated", "known")),
    ),
}


@pytest.mark.parametrize("kind", list(WORK))
def test_check_work_is_linear_in_the_text(kind: str, seed: Glossary) -> None:
    make, options = WORK[kind]
    index = TermIndex.build(seed)
    small, large = make(seed, 6_000), make(seed, 24_000)
    check(large, index, options)  # every word analyzed once: both runs below find it cached
    ratio = _lines_run(large, index, options) / _lines_run(small, index, options)
    assert ratio < 5.0  # 4 for linear work; prefer blocking by pairs gave 14


def _seconds(text: str, index: TermIndex, options: CheckOptions) -> float:
    """The CPU time of one check."""
    started = time.process_time()
    check(text, index, options)
    return time.process_time() - started


TIMED: dict[str, tuple[Callable[[int], str], CheckOptions]] = {
    "distinct compounds": (_compounds, CheckOptions(include=())),
    "a URL ending in parentheses": (
        lambda n: "see https://x.se/" + ")" * n + " budget",
        CheckOptions(format="markdown"),
    ),
}


@pytest.mark.parametrize("kind", list(TIMED))
def test_check_time_is_linear_in_the_text(kind: str, seed: Glossary) -> None:
    make, options = TIMED[kind]
    index = TermIndex.build(seed)
    small, large = make(15_000), make(240_000)
    # Linear: ~16x (tens of milliseconds); quadratic: ~256x (seconds). Noise only slows a
    # run down, so one run within the bound is proof enough.
    bound = 16 * 3 * min(_seconds(small, index, options) for _ in range(3)) + 0.5
    assert any(_seconds(large, index, options) < bound for _ in range(3))


def _term(term_id: str, label: str) -> Term:
    meanings = (Meaning("sales", {"en": "one"}), Meaning("marketing", {"en": "two"}))
    return Term(id=term_id, labels={"en": (label,)}, meanings=meanings)


def test_a_huge_label_costs_little_memory_and_is_still_found(seed: Glossary) -> None:
    label = "".join("abcdefghij"[i * 7 % 10] for i in range(30_000)).replace("j", "jk")
    glossary = Glossary(seed.languages, seed.departments, (*seed.terms, _term("huge", label)))
    plain = TermIndex.build(seed)
    tracemalloc.start()
    try:
        index = TermIndex.build(glossary)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(index.deletes) - len(plain.deletes) == 0
    assert peak < 4_000_000  # the label's one-letter deletions alone took 900 MB
    findings = check(f"The {label.upper()} is set.", index).findings
    assert [(f.term.id, f.match.value, f.length) for f in findings] == [
        ("huge", "exact", len(label))
    ]


def test_misspellings_are_still_found_up_to_the_longest_fuzzy_word(seed: Glossary) -> None:
    longest = "kundlivstidsvärdesberäkningsmodell"[: lookup.MAX_FUZZY_LENGTH]
    glossary = Glossary(seed.languages, seed.departments, (*seed.terms, _term("long", longest)))
    index = TermIndex.build(glossary)
    misspelled = longest[:10] + longest[11:]
    findings = check(f"Our {misspelled} is new.", index).findings
    assert [(f.term.id, f.match.value) for f in findings] == [("long", "fuzzy")]


def test_texts_of_long_distinct_words_do_not_pile_up_in_the_caches(seed: Glossary) -> None:
    index = TermIndex.build(seed)
    letters = "abcdefghijklmnopqrst"
    tracemalloc.start()
    try:
        for n in range(20):  # 20 texts of 1 MB, a hundred distinct 10,000-letter words each
            words = [f"budget{letters[n]}{letters[i % 20]}{letters[i // 20]}" for i in range(100)]
            check(" ".join(word * (10_000 // len(word)) for word in words), index)
        gc.collect()  # what the caches keep, not what waits to be collected
        kept = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert kept < 12_000_000  # each text's words stayed: 20 MB


def test_at_most_max_findings_and_whether_more_were_left(seed: Glossary) -> None:
    index = TermIndex.build(seed)
    text = "The budget, the pipeline. " * 10
    cut = check(text, index, CheckOptions(max_findings=3))
    assert [(f.term.id, f.offset) for f in cut.findings] == [
        ("budget", 4),
        ("pipeline", 16),
        ("budget", 30),
    ]
    assert cut.truncated
    whole = check(text, index, CheckOptions(max_findings=20))
    assert (len(whole.findings), whole.truncated) == (20, False)
    assert not check(text, index).truncated


def test_findings_left_out_do_not_count_towards_the_limit(seed: Glossary) -> None:
    index = TermIndex.build(seed)
    text = "The budget. " * 50 + "The pipeline."
    options = CheckOptions(max_findings=1, wanted=lambda term, kind: term.id != "budget")
    result = check(text, index, options)
    assert ([f.term.id for f in result.findings], result.truncated) == (["pipeline"], False)


def test_the_check_stops_working_once_it_has_enough(seed: Glossary) -> None:
    index = TermIndex.build(seed)
    text = "The budget is set. " * 2_000
    check(text, index)
    bounded = _lines_run(text, index, CheckOptions(max_findings=10))
    # A batch of occurrences is placed and ten are judged, instead of 2,000 of each.
    assert bounded < _lines_run(text, index, CheckOptions()) / 8
