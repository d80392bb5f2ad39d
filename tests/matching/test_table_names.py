"""Proper nouns as a table (issue 15, point 2): a term word inside a company's or product's
name is not the term; sentence starts, headings and header fields still are ordinary uses; a
glossary's ``ignore`` lists name what never is the term, as written.

Rows are (text, expected) as in test_matching, less the match: (surface text, term id, kind).
"""

from __future__ import annotations

import dataclasses

import pytest

from glossary.matching.index import TermIndex
from glossary.matching.model import Glossary
from tests.matching.test_matching import found

Words = tuple[str, str, str]


def _ambiguous(text: str, term: str) -> Words:
    return (text, term, "ambiguous")


def words(text: str, index: TermIndex, **options: object) -> list[Words]:
    """What ``found`` finds, less how it matched (inflection or not is not at stake here)."""
    return [row[:3] for row in found(text, index, **options)]


NAMES_SV: list[tuple[str, list[Words]]] = [
    ("Karin tittar också på Pipeline Partners AB som konkurrent.", []),
    ("Pipeline Partners AB vann upphandlingen.", []),
    (
        "Positioneringen mot Pipeline Partners är svår.",
        [_ambiguous("Positioneringen", "positioning")],
    ),
    ("Vi bytte från Account Engagement förra året.", []),
    ("De kör Funnel för rapporterna.", []),
    ("Hyrbilarna bokas via Budget Rent a Car.", []),
    ("Kampanjen i Campaign Monitor gick bra.", [_ambiguous("Kampanjen", "campaign")]),
    # One sense per discourse: a word used as a name mid-sentence is one at sentence starts.
    ("De kör Funnel för annonsdata.\nFunnel kostar 300 kr i månaden.", []),
    (
        "De kör Funnel för annonsdata.\nFunneln ser bra ut.",
        [_ambiguous("Funneln", "funnel")],
    ),
    # ... but a word inside a longer name says nothing of the word alone.
    ("Hyrbilar via Budget Rent a Car.\nBudget för Q3 är satt.", [_ambiguous("Budget", "budget")]),
    # Sentence starts, bullets, subject lines, ticket keys and columns are ordinary uses.
    (
        "Budgeten är spräckt. Budget för Q4 saknas.",
        [_ambiguous("Budgeten", "budget"), _ambiguous("Budget", "budget")],
    ),
    ("- Segmentet växer snabbast.", [_ambiguous("Segmentet", "segment")]),
    ("1) Pipelinen ser bra ut.", [_ambiguous("Pipelinen", "pipeline")]),
    (
        "Ämne: Targets och prognos inför Q1",
        [_ambiguous("Targets", "target"), _ambiguous("prognos", "forecast")],
    ),
    ("[MOPS-318] Leads från formuläret hamnar fel", [_ambiguous("Leads", "lead")]),
    ("Region: Mellansverige      Territorium: Mitt-2", [_ambiguous("Territorium", "territory")]),
    ("Målet är tydligt: Budget ska hållas.", [_ambiguous("Budget", "budget")]),
    # A name takes no definite or plural ending: a capitalised *Pipelinen* is the word.
    ("Kan du kolla Pipelinen innan fredag?", [_ambiguous("Pipelinen", "pipeline")]),
    # A compound or hyphenated word takes its capital from its first part.
    (
        "Just nu rullar Facebook-kampanjen för höstrean.",
        [_ambiguous("kampanjen", "campaign")],
    ),
]

NAMES_EN: list[tuple[str, list[Words]]] = [
    ("We lost the deal to Pipeline Partners last spring.", []),
    ("The Target stores ran out of stock.", []),
    ("Unless finance lets us keep the Campaign Monitor licence.", []),
    ("Campaign Monitor is down again.", []),
    ("Our Q3 Budget Review is on Friday.", []),
    (
        "[09:19] Johan: is the Segment sync broken?\n[09:31] Johan: Segment is fine now.",
        [],
    ),
    (
        "[09:31] Johan: Segment is fine now.\n[09:40] Johan: is the Segment sync broken?",
        [],
    ),
    ("[09:31] Johan Karlsson: Segment is the SMB part.", [_ambiguous("Segment", "segment")]),
    ("REVOPS-318: Forecast rollup double-counts renewals", [_ambiguous("Forecast", "forecast")]),
    ("> Pipeline looks thin this quarter.", [_ambiguous("Pipeline", "pipeline")]),
    # A header's field name is no heading; its first word is an ordinary use.
    ("Fix Version / Target: 2025.11.2", []),
    ("Lead Source: Webinar", [_ambiguous("Lead", "lead")]),
    # ... and its value may be a title.
    ("Subject: Q3 Budget Review", [_ambiguous("Budget", "budget")]),
    # Title-cased headings are ordinary uses, in every format.
    (
        "Budget Planning 2026\n\nThe budget is set.",
        [_ambiguous("Budget", "budget"), _ambiguous("budget", "budget")],
    ),
    # Capitals and acronyms are not names.
    ("Send the ROI calc to Anna.", [_ambiguous("ROI", "roi")]),
]

# Decorated and bilingual lines of plain text: a reader sees a heading or a segment start
# after a decoration run and after a separator in a heading, not a name.
DECORATED_SV: list[tuple[str, list[Words]]] = [
    (
        "--- Kundstrategi 2026 (uppdaterad i mars) ---",
        [_ambiguous("Kundstrategi", "customer-strategy")],
    ),
    ("=== Budget ===", [_ambiguous("Budget", "budget")]),
    ("~~~ Pipeline ~~~", [_ambiguous("Pipeline", "pipeline")]),
    ("*** Budget ***", [_ambiguous("Budget", "budget")]),
    (">> Pipeline ser tunn ut", [_ambiguous("Pipeline", "pipeline")]),
    ("• Kampanjer i höst", [_ambiguous("Kampanjer", "campaign")]),
    ("— Budget för Q3 saknas", [_ambiguous("Budget", "budget")]),
    ("Kundkort / Konto och avtal", [_ambiguous("Konto", "account")]),
    ("Översikt – Pipeline per region", [_ambiguous("Pipeline", "pipeline")]),
    ("Mötesanteckningar / Budget inför hösten", [_ambiguous("Budget", "budget")]),
    ("Budget | Q3", [_ambiguous("Budget", "budget")]),
    # ... but a name stays one: a company form or a run of capitals follows.
    ("=== Pipeline Partners AB ===", []),
    ("Översikt – Pipeline Partners AB", []),
    ("-- Funnel Analytics för annonsdata", []),
    # Prose with a slash or dash is no heading: a long word in lower case comes first, or
    # a sentence mark ends it, or it is a chat message.
    ("Vi jämförde HubSpot / Funnel", []),
    ("Vi har pratat med sälj / Marknad Sverige AB om saken.", []),
    ("Karin sa det – Funnel kostar för mycket.", []),
    ("[09:19] Johan: Klart – Segment funkar igen", []),
    # A document that names Funnel mid-sentence names it in its headings too.
    ("De kör Funnel för rapporterna.\n--- Funnel ---", []),
]

DECORATED_EN: list[tuple[str, list[Words]]] = [
    (
        "--- Customer Strategy 2026 (updated March) ---",
        [_ambiguous("Customer Strategy", "customer-strategy")],
    ),
    ("=== Account ===", [_ambiguous("Account", "account")]),
    ("### Budget", [_ambiguous("Budget", "budget")]),
    ("– Segment sizes for Q3", [_ambiguous("Segment", "segment")]),
    ("Kundkort / Account card", [_ambiguous("Account", "account")]),
    ("Overview — Pipeline by region", [_ambiguous("Pipeline", "pipeline")]),
    ("Q3 - Forecast", [_ambiguous("Forecast", "forecast")]),
    ("Subject: Notes / Budget draft", [_ambiguous("Budget", "budget")]),
    ("Kostnader – Budget och utfall", [_ambiguous("Budget", "budget")]),
    # A header's field name is no heading, with a separator or without.
    ("Fix Version / Target: 2025.11.2", []),
    # A name at a segment start is still a name.
    ("Overview – Campaign Monitor migration", []),
    ("We compared HubSpot / Target and others.", []),
    ("ok - Segment is down again", []),
    # A hard-wrapped line goes on with its sentence: a run of capitals is a name there.
    ("We talked about the\nPipeline Partners deal.", []),
    ("> we talked about the\n> Pipeline Partners deal", []),
    (
        "We talked about the\nPipeline and the deal.",
        [_ambiguous("Pipeline", "pipeline")],
    ),
]

FORMATS: list[tuple[str, str, list[Words]]] = [
    (
        "markdown",
        "# Budget Planning 2026\n\nWe use Campaign Monitor.",
        [_ambiguous("Budget", "budget")],
    ),
    (
        "markdown",
        "## Campaign Monitor migration\n\nThe budget is set.",
        [_ambiguous("budget", "budget")],
    ),
    (
        "markdown",
        "# Q3 Pipeline: Budget Review",
        [_ambiguous("Pipeline", "pipeline"), _ambiguous("Budget", "budget")],
    ),
    (
        "html",
        "<h1>Budget Planning</h1><p>The budget is set.</p>",
        [_ambiguous("Budget", "budget"), _ambiguous("budget", "budget")],
    ),
    ("html", "<p>De kör Funnel för rapporterna.</p>", []),
    (
        "markdown",
        "## Översikt – Pipeline per region\n\nVi jämförde HubSpot / Funnel",
        [_ambiguous("Pipeline", "pipeline")],
    ),
    (
        "html",
        "<h2>Kundkort / Konto och avtal</h2><p>Vi jämförde HubSpot / Funnel</p>",
        [_ambiguous("Konto", "account")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NAMES_SV + NAMES_EN)
def test_names_are_not_terms(text: str, expected: list[Words], index: TermIndex) -> None:
    assert words(text, index) == expected


@pytest.mark.parametrize(("text", "expected"), DECORATED_SV + DECORATED_EN)
def test_decorated_and_segmented_lines(text: str, expected: list[Words], index: TermIndex) -> None:
    assert words(text, index) == expected


@pytest.mark.parametrize(("format", "text", "expected"), FORMATS)
def test_names_in_every_format(
    format: str, text: str, expected: list[Words], index: TermIndex
) -> None:
    assert words(text, index, format=format) == expected


def _ignoring(
    seed: Glossary, names: tuple[str, ...] = (), **per_term: tuple[str, ...]
) -> TermIndex:
    terms = tuple(dataclasses.replace(t, ignore=per_term.get(t.id, ())) for t in seed.terms)
    return TermIndex.build(dataclasses.replace(seed, terms=terms, ignore=names))


GLOBAL_IGNORE = ("Target", "Campaign Monitor", "Budget Rent a Car")

IGNORED: list[tuple[str, list[Words]]] = [
    ("Target har öppnat en butik i Kista.", []),
    (
        "Campaign Monitor\n\nKampanjen gick bra.",
        [_ambiguous("Kampanjen", "campaign")],
    ),
    ("Hyrbilar via Budget Rent\na Car.", []),
    # Case-sensitive: the word itself is still the term.
    ("Our target is high.", [_ambiguous("target", "target")]),
    ("Vi nådde targeten.", [_ambiguous("targeten", "target")]),
    # A name's inflections are not the name.
    ("Targets för Q1 är satta.", [_ambiguous("Targets", "target")]),
    ("Campaign Monitors", [_ambiguous("Campaign", "campaign")]),
]


@pytest.mark.parametrize(("text", "expected"), IGNORED)
def test_a_glossary_lists_names_to_ignore(text: str, expected: list[Words], seed: Glossary) -> None:
    assert words(text, _ignoring(seed, GLOBAL_IGNORE)) == expected


def test_the_same_texts_are_flagged_without_the_list(index: TermIndex) -> None:
    assert words("Target har öppnat en butik i Kista.", index) == [_ambiguous("Target", "target")]
    assert words("Campaign Monitor", index) == [_ambiguous("Campaign", "campaign")]


def test_a_term_ignores_a_name_for_itself_only(seed: Glossary) -> None:
    index = _ignoring(seed, lead=("Lead Pipeline",))
    assert words("Lead Pipeline", index) == [_ambiguous("Pipeline", "pipeline")]
    assert words("Lead Pipeline", TermIndex.build(seed)) == [
        _ambiguous("Lead", "lead"),
        _ambiguous("Pipeline", "pipeline"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We met at the funnel bar; the funnel is thin.", [_ambiguous("funnel", "funnel")]),
        ("Vi bokade via budget resor och budgeten är slut.", [_ambiguous("budgeten", "budget")]),
    ],
)
def test_an_ignored_phrase_may_be_in_lower_case(
    text: str, expected: list[Words], seed: Glossary
) -> None:
    assert len(words(text, TermIndex.build(seed))) == 2
    assert words(text, _ignoring(seed, ("funnel bar", "budget resor"))) == expected
