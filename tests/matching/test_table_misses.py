"""What the check used to miss, as a table (issue 15, point 5): words hyphenated at a line end,
compounds whose first part is hyphenated, five-letter words misspelled, and multiword labels
broken over a line, in plain text, Markdown and HTML.

Each row is (text, format, expected findings as in ``test_matching``)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from glossary.matching.index import TermIndex
from glossary.matching.scan import CheckOptions, check
from tests.matching.test_matching import Row, found

HYPHENATED_AT_LINE_END: list[tuple[str, str, list[Row]]] = [
    (
        "De två prioriterade seg-\nmenten är energi och livsmedel.",
        "plain",
        [("seg-\nmenten", "segment", "ambiguous", "inflection")],
    ),
    (
        "Vi måste fylla pipe-\nlinen före jul.",
        "plain",
        [("pipe-\nlinen", "pipeline", "ambiguous", "inflection")],
    ),
    (
        "Det är säljets tar-\nget för nya kunder.",
        "plain",
        [("tar-\nget", "target", "ambiguous", "exact")],
    ),
    (
        "Vi behöver en gemensam kund-\nstrategi.",
        "plain",
        [("kund-\nstrategi", "customer-strategy", "ambiguous", "exact")],
    ),
    (
        "Marknadens kampanj-\nbudget räcker inte.",
        "plain",
        [("kampanj-\nbudget", "budget", "ambiguous", "compound")],
    ),
    # The prefer wording, whole again, hides the label inside it.
    ("Vi håller intäkts-\nbudgeten i år.", "plain", []),
    ("Vi håller intäkts-\r\nbudgeten i år.", "plain", []),
    (
        "> Vi måste fylla pipe-\n> linen före jul.",
        "plain",
        [("pipe-\n> linen", "pipeline", "ambiguous", "inflection")],
    ),
    ("Our pipe-\nline is thin.", "plain", [("pipe-\nline", "pipeline", "ambiguous", "exact")]),
    (
        "The cam-\npaign starts on Monday.",
        "plain",
        [("cam-\npaign", "campaign", "ambiguous", "exact")],
    ),
    (
        "Vi har två *seg-\nmenten*.",
        "markdown",
        [("seg-\nmenten", "segment", "ambiguous", "inflection")],
    ),
    (
        "> Our pipe-\n> line is thin.",
        "markdown",
        [("pipe-\n> line", "pipeline", "ambiguous", "exact")],
    ),
    # A soft hyphen (U+00AD, kept by text copied from a PDF) only ever breaks a word.
    (
        "De två seg\u00ad\nmenten är klara.",
        "plain",
        [("seg\u00ad\nmenten", "segment", "ambiguous", "inflection")],
    ),
    ("Ett budget\u00ad\nmöte i morgon.", "plain", []),
    (
        "Vår pipe\u2010\r\nline är tunn.",
        "markdown",
        [("pipe\u2010\r\nline", "pipeline", "ambiguous", "exact")],
    ),
    # Real hyphens stay: a compound of a glossary word, a capital or an abbreviation after or
    # before the hyphen, a hanging hyphen before a conjunction.
    ("A pipeline-\nrelated question.", "plain", [("pipeline", "pipeline", "ambiguous", "exact")]),
    ("Ett budget-\nmöte i morgon.", "plain", [("budget", "budget", "ambiguous", "exact")]),
    (
        "Vi skickar e-\npost om budgeten.",
        "plain",
        [("budgeten", "budget", "ambiguous", "inflection")],
    ),
    ("Vi växer i SMB-\nsegmentet.", "plain", [("segmentet", "segment", "ambiguous", "inflection")]),
    (
        "Både kampanj-\noch eventbudgeten.",
        "plain",
        [
            ("kampanj", "campaign", "ambiguous", "exact"),
            ("eventbudgeten", "budget", "ambiguous", "compound"),
        ],
    ),
    ("Vi öppnar i Nord-\nAmerika.", "plain", []),
    # A browser shows an HTML source line break as a space: the hyphen stays.
    ("<p>Vi har två seg-\nmenten.</p>", "html", []),
]

HYPHENATED_COMPOUNDS: list[tuple[str, str, list[Row]]] = [
    (
        "SMB-segmentet växer snabbast.",
        "plain",
        [("segmentet", "segment", "ambiguous", "inflection")],
    ),
    (
        "Alla B2B-leadsen kom från mässan.",
        "plain",
        [("leadsen", "lead", "ambiguous", "inflection")],
    ),
    ("Q3-budgeten är spräckt.", "plain", [("budgeten", "budget", "ambiguous", "inflection")]),
    ("Q3-budgeten är spräckt.", "markdown", [("budgeten", "budget", "ambiguous", "inflection")]),
    (
        "<p>Alla B2B-leadsen kom.</p>",
        "html",
        [("leadsen", "lead", "ambiguous", "inflection")],
    ),
    # *mid-market* is one word: *market segment* (the prefer wording) is not in the text.
    (
        "It is too generic for the mid-market segment.",
        "plain",
        [("segment", "segment", "ambiguous", "exact")],
    ),
    ("Our mid-market segment grew.", "markdown", [("segment", "segment", "ambiguous", "exact")]),
    (
        "Too generic for the mid-\nmarket segment.",
        "plain",
        [("segment", "segment", "ambiguous", "exact")],
    ),
    ("The market segment is small.", "plain", []),
    ("A marketing-qualified lead came in.", "plain", []),
]

FIVE_LETTER_MISSPELLINGS: list[tuple[str, str, list[Row]]] = [
    ("Send the ofer today.", "plain", [("ofer", "offer", "ambiguous", "fuzzy")]),
    ("Vår trat läcker i mitten.", "plain", [("trat", "funnel", "ambiguous", "fuzzy")]),
    ("We sent two ofers.", "plain", [("ofers", "offer", "ambiguous", "fuzzy")]),
    ("Hans pich var för lång.", "plain", [("pich", "pitch", "ambiguous", "fuzzy")]),
    ("Vi ser en hög chrun i år.", "plain", [("chrun", "churn", "ambiguous", "fuzzy")]),
    ("Our ptich was too long.", "markdown", [("ptich", "pitch", "ambiguous", "fuzzy")]),
    # Common words, and a first letter lost, are never a misspelling.
    ("We scratched the itch.", "plain", []),
    ("Our hurn rate fell.", "plain", []),
    ("Bilens ratt var kall.", "plain", []),
    ("We met an otter.", "plain", []),
    ("Move onto the next point.", "plain", []),
    ("Send the ofer today.", "plain-no-fuzzy", []),
]

SPLIT_OVER_A_LINE: list[tuple[str, str, list[Row]]] = [
    (
        "Vi letar efter en kvalificerad\nlead varje dag.",
        "plain",
        [("kvalificerad\nlead", "qualified-lead", "ambiguous", "exact")],
    ),
    (
        "Our value\nproposition is weak.",
        "plain",
        [("value\nproposition", "value-proposition", "ambiguous", "exact")],
    ),
    (
        "> Our value\n> proposition is weak.",
        "plain",
        [("value\n> proposition", "value-proposition", "ambiguous", "exact")],
    ),
    (
        "> > Det var en kvalificerad\n> > lead.",
        "plain",
        [("kvalificerad\n> > lead", "qualified-lead", "ambiguous", "exact")],
    ),
    (
        "Our *value*\n*proposition* is weak.",
        "markdown",
        [("value*\n*proposition", "value-proposition", "ambiguous", "exact")],
    ),
    (
        "> Det var en kvalificerad\n> lead.",
        "markdown",
        [("kvalificerad\n> lead", "qualified-lead", "ambiguous", "exact")],
    ),
    (
        "- Our value\n  proposition is weak.",
        "markdown",
        [("value\n  proposition", "value-proposition", "ambiguous", "exact")],
    ),
    (
        "<p>Our value\nproposition is weak.</p>",
        "html",
        [("value\nproposition", "value-proposition", "ambiguous", "exact")],
    ),
    (
        "<p>En kvalificerad<br>\nlead kom in.</p>",
        "html",
        [("kvalificerad<br>\nlead", "qualified-lead", "ambiguous", "exact")],
    ),
    # A hyphenated wording broken at its hyphen.
    (
        "Our value-\nproposition is weak.",
        "plain",
        [("value-\nproposition", "value-proposition", "ambiguous", "exact")],
    ),
    ("A marketing-\nqualified lead came in.", "plain", []),
    ("> A marketing-\n> qualified lead came in.", "markdown", []),
    ("Write to the needs-\nbased segment.", "plain", []),
    # A blank line, a sentence mark or a '>' that quotes no line ends the label.
    ("Our value\n\nproposition is weak.", "plain", []),
    ("Our value.\nProposition is weak.", "plain", []),
    ("Our value > proposition is weak.", "plain", []),
    ("Our value >\nproposition is weak.", "plain", []),
]

ROWS = HYPHENATED_AT_LINE_END + HYPHENATED_COMPOUNDS + FIVE_LETTER_MISSPELLINGS
ROWS += SPLIT_OVER_A_LINE


@pytest.mark.parametrize(("text", "fmt", "expected"), ROWS)
def test_misses_table(text: str, fmt: str, expected: list[Row], index: TermIndex) -> None:
    if fmt == "plain-no-fuzzy":
        assert found(text, index, fuzzy=False) == expected
    else:
        assert found(text, index, format=fmt) == expected


def test_a_joined_finding_points_at_both_halves_in_the_original(index: TermIndex) -> None:
    text = "Hej!\nDe två seg-\n  menten är klara."
    (finding,) = check(text, index).findings
    assert (finding.line, finding.column, finding.text) == (2, 8, "seg-\n  menten")
    assert text[finding.offset : finding.offset + finding.length] == finding.text


def _seconds(text: str, index: TermIndex) -> float:
    started = time.process_time()
    check(text, index, CheckOptions(format="markdown"))
    return time.process_time() - started


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "-" * n + "\n" + "budget",
        lambda n: "seg-\nmenten " * (n // 12),
        lambda n: "a" * n + "-\n" + "b" * n,
        lambda n: "value\n> " * (n // 8) + "proposition",
    ],
    ids=["a line of hyphens", "hyphenated words", "long halves", "quoted lines"],
)
def test_joining_costs_time_in_proportion_to_the_text(
    make: Callable[[int], str], index: TermIndex
) -> None:
    small, large = make(15_000), make(240_000)
    check(small, index)
    # Linear: ~16x; quadratic: ~256x. Noise only slows a run down: one run in bound is proof.
    bound = 16 * 3 * min(_seconds(small, index) for _ in range(3)) + 0.5
    assert any(_seconds(large, index) < bound for _ in range(3))


def test_the_glossary_decides_which_hyphen_is_soft(index: TermIndex) -> None:
    """The same line end joins where the whole word is the glossary's and keeps a word of its
    own where only the first half is."""
    assert [f.text for f in check("kampanj-\nbudget", index).findings] == ["kampanj-\nbudget"]
    assert [f.text for f in check("kampanj-\nansvarig", index).findings] == ["kampanj"]
