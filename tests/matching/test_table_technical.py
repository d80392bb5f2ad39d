"""Addresses and names of things in prose, as a table: a term word inside a web address
without a scheme, a path, a file name, a code identifier, a ticket key, a hashtag or an
@-mention is not the term; slashes between words, hyphenated compounds, sentence ends,
quotes and brackets around a word are still prose (issue 15, point 1).

Each row is (format, text, expected) where expected lists (surface text, term id, kind,
match) in text order, checked against the seed glossary with the default options.
"""

from __future__ import annotations

import pytest

from glossary.matching.index import TermIndex
from glossary.matching.scan import CheckOptions, check
from glossary.matching.technical import is_code, is_file_name, is_web_address

Row = tuple[str, str, str, str]


def found(text: str, index: TermIndex, **options: object) -> list[Row]:
    result = check(text, index, CheckOptions(**options))  # type: ignore[arg-type]
    return [(f.text, f.term.id, f.kind, f.match.value) for f in result.findings]


def budgeten(surface: str = "budgeten") -> Row:
    return (surface, "budget", "ambiguous", "inflection")


def kampanjen(surface: str = "kampanjen") -> Row:
    return (surface, "campaign", "ambiguous", "inflection")


NOT_THE_TERM: list[tuple[str, str]] = [
    # Web addresses without a scheme: the host ends in a public suffix.
    ("plain", "Formuläret på nordvik.se/webbinar/lead-capture skapar poster."),
    ("plain", "Mer info: intranät.acme.se/salj/kampanj-januari."),
    ("plain", "Se forms.norrsken.io/f/lead-capture-7731 innan mötet."),
    (
        "plain",
        "Notes: notion.so/acme/persona-interviews-2025 and brightfold-agency.co.uk/campaigns.",
    ),
    ("plain", "The landing page (norrsken-analytics.se/webinar-leads-q4) is live."),
    # Paths and query strings.
    ("plain", "Öppna /kampanjer/budget?region=nord i staging."),
    ("plain", "Open /dashboards/forecast?region=nordics on staging."),
    # File names with extensions, also under a folder or a drive.
    ("plain", "Bifogat: leads-export_2025-12-04.csv och skärmdump_kampanjhistorik.png"),
    ("plain", "Filen ligger i docs/budget.md och C:\\Budget\\prognos.xlsx i dag."),
    ("plain", "See the sheets budget_q3_final.xlsx and Pipeline.PDF."),
    # Code identifiers and calls.
    ("plain", "Fältet campaign.id är tomt och lead_source sätts fel."),
    ("plain", "Fixar i syncLeadCampaign() och LeadService i kväll."),
    ("plain", "calcWeightedForecast() iterates over opportunity.children twice."),
    ("plain", "Call budget() or getLead(id) first; the lead_score and LEAD_SCORE fields."),
    ("plain", "    SELECT SUM(amount) FROM opportunity WHERE stage > 2;"),
    ("plain", "SELECT owner, SUM(amount) AS pipeline\nFROM opportunities\nGROUP BY campaign;"),
    # Git branches, command-line options, template placeholders and JSON keys.
    ("plain", "Branch feature/lead-scoring och fix/campaign-sync är mergade."),
    ("plain", "Run glossary check --campaign q4 --lead-source web."),
    ("plain", "Hej {{lead.first_name}}, tack för {{campaign}}; ${budget} och $lead i mallen."),
    ("plain", 'Payload: {"campaign": "webinar", "lead_id": 42}'),
    # Ticket keys, hashtags and channels, @-mentions.
    ("plain", "Blockerar CAMPAIGN-142, relaterad till LEAD-221."),
    ("plain", "Ta det i #smarketing eller #kampanj-q4, fråga @budget-teamet."),
    ("plain", "Tracked in CAMPAIGN-77; ping @lead-team in #revenue-team."),
    ("plain", "Fixed by acme/lead-sync#42, the export is on \\\\files\\budget\\q3 now."),
    # The same in Markdown and in HTML text nodes.
    ("markdown", "- Se acme.se/budget-2026 och **budget_q3_final.xlsx**.\n- Fix i *calcBudget()*."),
    ("markdown", "Ärendet CAMPAIGN-142 i #kampanj-q4 (se /kampanjer/budget)."),
    ("html", "<p>Se <b>acme.se/budget</b> och <i>leads-export.csv</i>.</p>"),
    ("html", "<ul><li>LeadService</li><li>CAMPAIGN-77</li><li>#smarketing</li></ul>"),
]

STILL_THE_TERM: list[tuple[str, str, list[Row]]] = [
    ("plain", "Sälj/marknad äger budgeten.", [budgeten()]),
    (
        "plain",
        "Vi delar budget/prognos per kvartal.",
        [("budget", "budget", "ambiguous", "exact"), ("prognos", "forecast", "ambiguous", "exact")],
    ),
    ("plain", 'Hon kallade det "budgeten" (kampanjen) i mejlet.', [budgeten(), kampanjen()]),
    ("plain", "Budgeten.Nu kör vi, t.ex. med kampanjen.", [budgeten("Budgeten"), kampanjen()]),
    ("plain", "iOS-kampanjen och LinkedIn-kampanjen.", [kampanjen(), kampanjen()]),
    ("plain", "Tre MQL:er kom från kampanjen.", [kampanjen()]),
    ("plain", "Priset är $5 för budgeten.", [budgeten()]),
    (
        "plain",
        "We need leads/follow-ups and the budget/roll-out.",
        [("leads", "lead", "ambiguous", "exact"), ("budget", "budget", "ambiguous", "exact")],
    ),
    ("plain", "Läget v.49/budgeten ser bra ut.", [budgeten()]),
    (
        "plain",
        "Kampanj(er) och budget(ar) ska ses över.",
        [("Kampanj", "campaign", "ambiguous", "exact"), ("budget", "budget", "ambiguous", "exact")],
    ),
    (
        "plain",
        "The budget.In short, ten leads/day came from the campaign.",
        [
            ("budget", "budget", "ambiguous", "exact"),
            ("leads", "lead", "ambiguous", "exact"),
            ("campaign", "campaign", "ambiguous", "exact"),
        ],
    ),
    (
        "plain",
        "WE MOVED THE BUDGET FROM PIPELINE REVIEWS AS BUDGET.",
        [
            ("BUDGET", "budget", "ambiguous", "exact"),
            ("PIPELINE", "pipeline", "ambiguous", "exact"),
            ("BUDGET", "budget", "ambiguous", "exact"),
        ],
    ),
    (
        "plain",
        "Move the budget from pipeline reviews.",
        [
            ("budget", "budget", "ambiguous", "exact"),
            ("pipeline", "pipeline", "ambiguous", "exact"),
        ],
    ),
    (
        "plain",
        'The "pipeline" (forecast) is clear.',
        [
            ("pipeline", "pipeline", "ambiguous", "exact"),
            ("forecast", "forecast", "ambiguous", "exact"),
        ],
    ),
    (
        "markdown",
        "# Budget\n\nSe acme.se/budget-2026 om budgeten.",
        [("Budget", "budget", "ambiguous", "exact"), budgeten()],
    ),
    ("markdown", "[Kampanjen](https://x.se/kampanj) i #kampanj-q4.", [kampanjen("Kampanjen")]),
    ("html", "<p>Se <b>acme.se/budget</b> och <i>budgeten</i>.</p>", [budgeten()]),
    (
        "html",
        "<ul><li>LeadService och leads-export.csv</li><li>Leadsen kom.</li></ul>",
        [("Leadsen", "lead", "ambiguous", "inflection")],
    ),
]


@pytest.mark.parametrize(("fmt", "text"), NOT_THE_TERM)
def test_a_term_word_inside_an_address_or_identifier_is_not_flagged(
    fmt: str, text: str, index: TermIndex
) -> None:
    assert found(text, index, format=fmt) == []


@pytest.mark.parametrize(("fmt", "text", "expected"), STILL_THE_TERM)
def test_prose_punctuation_around_a_term_keeps_it_flagged(
    fmt: str, text: str, expected: list[Row], index: TermIndex
) -> None:
    assert found(text, index, format=fmt) == expected


def test_a_word_in_a_megabyte_without_spaces_is_data_and_prose_after_it_is_checked(
    index: TermIndex,
) -> None:
    text = "budget/" * 150_000 + "\n\nVi håller budgeten."
    assert found(text, index) == [budgeten()]


@pytest.mark.parametrize(
    ("chunk", "address"),
    [
        ("acme.se", True),
        ("brightfold-agency.co.uk/campaigns", True),
        ("forms.norrsken.io/f/lead-capture-7731", True),
        ("intranät.acme.se/salj", True),
        ("acme.se:8080/budget", True),
        ("kampanj.local/budget", False),  # not a public suffix
        ("budgeten.Nu", False),  # two sentences without a space
        ("bl.a", False),
        ("t.ex", False),
        ("-acme.se", False),
    ],
)
def test_web_addresses_are_told_by_the_public_suffix_list(chunk: str, address: bool) -> None:
    assert is_web_address(chunk) is address


@pytest.mark.parametrize(
    ("chunk", "file"),
    [
        ("leads-export_2025-12-04.csv", True),
        ("budget_q3_final.xlsx", True),
        ("docs/budget.md", True),
        ("REPORT.PDF", True),
        ("pipeline.yaml", True),
        ("budget.Pdf", False),
        ("budget.So", False),
        ("budget.unknownext", False),
        ("budget.", False),
    ],
)
def test_file_names_need_a_known_extension_in_one_case(chunk: str, file: bool) -> None:
    assert is_file_name(chunk) is file


@pytest.mark.parametrize(
    ("chunk", "word", "code"),
    [
        ("calcBudget()", "Budget", True),
        ("LeadService", "Lead", True),
        ("lead_score", "lead", True),
        ("opportunity.children", "opportunity", True),
        ("budget()", "budget", True),
        ('lead(source="web")', "lead", True),
        ("budget(s)", "budget", False),
        ("budget", "budget", False),
        ("Budget", "Budget", False),
        ("SMB-segmentet", "segmentet", False),
        ("iOS-kampanjen", "kampanjen", False),
        ("budgeten.Nu", "budgeten", False),
    ],
)
def test_code_identifiers_around_a_word(chunk: str, word: str, code: bool) -> None:
    start = chunk.index(word)
    assert is_code(chunk, start, start + len(word)) is code
