"""The check engine as a table: text in, the words found out (Swedish, English and mixed).

Each row is (text, expected) where expected lists (surface text, term id, kind, match) in
text order, checked against the seed glossary with the default options (ambiguous and
deprecated words, fuzzy on, plain text unless the row names a format).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from glossary.matching.findings import KINDS, to_json
from glossary.matching.index import TermIndex
from glossary.matching.model import Glossary
from glossary.matching.scan import CheckOptions, check
from glossary.matching.text import EN_ENDINGS, SV_ENDINGS, bases, inflections

Row = tuple[str, str, str, str]


def found(text: str, index: TermIndex, **options: object) -> list[Row]:
    result = check(text, index, CheckOptions(**options))  # type: ignore[arg-type]
    return [(f.text, f.term.id, f.kind, f.match.value) for f in result.findings]


SWEDISH: list[tuple[str, list[Row]]] = [
    ("Vi måste hålla budgeten i år.", [("budgeten", "budget", "ambiguous", "inflection")]),
    ("Budget för Q3 är satt.", [("Budget", "budget", "ambiguous", "exact")]),
    ("Budgetarna spräcks.", [("Budgetarna", "budget", "ambiguous", "inflection")]),
    ("Projektbudgeten är slut.", [("Projektbudgeten", "budget", "ambiguous", "compound")]),
    (
        "Kvartalsprognosen ser svag ut.",
        [("Kvartalsprognosen", "forecast", "ambiguous", "compound")],
    ),
    ("Säljbudgeten och marknadsbudgetar är tydliga ord.", []),
    ("Vår intäktsbudget och vår kostnadsbudget.", []),
    ("Alla leadsen från mässan.", [("leadsen", "lead", "ambiguous", "inflection")]),
    ("Targeten för kvartalet är hög.", [("Targeten", "target", "ambiguous", "inflection")]),
    ("Pipelinen ser bra ut.", [("Pipelinen", "pipeline", "ambiguous", "inflection")]),
    ("Kampanjerna i höst.", [("Kampanjerna", "campaign", "ambiguous", "inflection")]),
    ("Vi behöver en leadåtgärd och en leadsgenerering.", []),
    ("SPIN-modellen hjälper säljarna.", []),
    ("Vi jobbar med spin i pressen.", [("spin", "spin", "ambiguous", "exact")]),
    ("Det var en het lead.", [("het lead", "hot-lead", "deprecated", "exact")]),
    ("Tre MQL:er och två SQL:er i veckan.", []),
    ("Vår positionering är otydlig.", [("positionering", "positioning", "ambiguous", "exact")]),
    (
        "Positioneringen behöver ses över.",
        [("Positioneringen", "positioning", "ambiguous", "inflection")],
    ),
    ("Skicka en offert i dag.", []),
    ("Erbjudandet gäller kunden.", [("Erbjudandet", "offer", "ambiguous", "inflection")]),
    ("Kontot har en ny kontaktperson.", [("Kontot", "account", "ambiguous", "inflection")]),
    ("Jag har ett bankkonto.", []),
    ("Konverteringen ökade.", [("Konverteringen", "conversion", "ambiguous", "inflection")]),
    ("Vi ser över funneln.", [("funneln", "funnel", "ambiguous", "inflection")]),
]

ENGLISH: list[tuple[str, list[Row]]] = [
    ("The budget for Q3 is set.", [("budget", "budget", "ambiguous", "exact")]),
    ("Our budgets are tight.", [("budgets", "budget", "ambiguous", "inflection")]),
    ("The budget's owner left.", [("budget's", "budget", "ambiguous", "inflection")]),
    ("The budget’s owner left.", [("budget’s", "budget", "ambiguous", "inflection")]),
    ("Our marketing budget and the revenue budget are fixed.", []),
    ("A positive outcome in this position.", []),
    ("A spinning wheel of spinach.", []),
    ("The leader showed leadership.", []),
    ("Ten leads came from the event.", [("leads", "lead", "ambiguous", "exact")]),
    ("SPIN selling is a method.", []),
    ("Every target account matters.", []),
    ("We hit the sales target.", []),
    ("Our opportunities grew.", [("opportunities", "opportunity", "ambiguous", "inflection")]),
    (
        "Our go-to-market plan needs new positioning.",
        [("positioning", "positioning", "ambiguous", "exact")],
    ),
    ("Our market positioning is clear.", []),
    ("Hot leads are welcome.", [("Hot leads", "hot-lead", "deprecated", "inflection")]),
    ("Our funnel is leaking; the tunnel is not.", [("funnel", "funnel", "ambiguous", "exact")]),
]

IDIOMATIC: list[tuple[str, list[Row]]] = [
    ("Take the budget into account.", [("budget", "budget", "ambiguous", "exact")]),
    ("Poor data leads to poor decisions.", []),
    ("This will lead to a better pipeline.", [("pipeline", "pipeline", "ambiguous", "exact")]),
    ("On account of the weather forecast we stay in.", []),
    ("The data retention period is two years.", []),
    ("Vi tog ledningen i affären.", []),
    ("Our key account is growing.", []),
    ("Every account executive opens a bank account.", []),
]

MISSPELLED: list[tuple[str, list[Row]]] = [
    ("Our positoning is unclear.", [("positoning", "positioning", "ambiguous", "fuzzy")]),
    ("The budegt is tight.", [("budegt", "budget", "ambiguous", "fuzzy")]),
    ("A new campain starts.", [("campain", "campaign", "ambiguous", "fuzzy")]),
    ("The pipline is full.", [("pipline", "pipeline", "ambiguous", "fuzzy")]),
    ("The budgett is tight.", [("budgett", "budget", "ambiguous", "fuzzy")]),
    ("The bugdet is tight.", [("bugdet", "budget", "ambiguous", "fuzzy")]),
    ("Vi ser över kampnajen.", [("kampnajen", "campaign", "ambiguous", "fuzzy")]),
    ("Hennes personal är bra, and personal data too.", []),
    ("The church was built before the tunnel.", []),
]


@pytest.mark.parametrize(("text", "expected"), SWEDISH + ENGLISH + IDIOMATIC + MISSPELLED)
def test_words_found(text: str, expected: list[Row], index: TermIndex) -> None:
    assert found(text, index) == expected


def test_fuzzy_off_finds_no_misspellings(index: TermIndex) -> None:
    assert found("Our positoning and budegt.", index, fuzzy=False) == []


def test_misspellings_score_lower_than_exact_words(index: TermIndex) -> None:
    misspelled, correct = check("positoning and positioning", index).findings
    assert misspelled.score < correct.score == 100


@pytest.mark.parametrize(
    "text",
    [
        "conversion\nrate",
        "engagement rate",
        "engagement\nrate",
        "engagement-rate",
    ],
)
def test_multiword_prefer_wordings_across_breaks_and_hyphens(text: str, index: TermIndex) -> None:
    if text.startswith("conversion"):
        assert found(text, index) == [("conversion", "conversion", "ambiguous", "exact")]
    else:
        assert found(text, index) == []


def test_decomposed_letters_match_and_offsets_stay_in_the_original(index: TermIndex) -> None:
    text = "Varje affa\u0308rsmo\u0308jlighet räknas, och budget."
    findings = check(text, index).findings
    assert [f.term.id for f in findings] == ["opportunity", "budget"]
    first, second = findings
    assert text[first.offset : first.offset + first.length] == "affa\u0308rsmo\u0308jlighet"
    assert text[second.offset : second.offset + second.length] == "budget"


@pytest.mark.parametrize("text", ["Budgetåret börjar.", "Leadåtgärden.", "Spinnaker och spinoff."])
def test_swedish_letters_are_part_of_words(text: str, index: TermIndex) -> None:
    assert found(text, index) == []


AUDIENCE: list[tuple[list[str] | None, str]] = [
    (None, "ambiguous"),
    (["sales", "marketing"], "ambiguous"),
    (["sales"], None),
]


@pytest.mark.parametrize(("audience", "kind"), AUDIENCE)
def test_audience_decides_what_is_ambiguous(
    audience: list[str] | None, kind: str | None, index: TermIndex
) -> None:
    rows = found("The budget is set.", index, audience=audience)
    assert [r[2] for r in rows] == ([kind] if kind else [])


def test_known_terms_only_when_asked(index: TermIndex) -> None:
    text = "Three MQLs and our CRM."
    assert found(text, index) == []
    rows = found(text, index, include=["known"])
    assert [(r[1], r[2]) for r in rows] == [("mql", "known"), ("crm", "known")]


def test_front_matter_audience(index: TermIndex) -> None:
    text = "---\nglossary:\n  audience: [sales]\n---\nThe budget is set.\n"
    assert found(text, index, format="markdown") == []
    assert len(found(text, index, format="markdown", audience=["sales", "marketing"])) == 1


LIKELY: list[tuple[str, str | None]] = [
    ("The budget was raised so the reps can hit quota and earn commission.", "sales"),
    ("The budget covers ad spend and the agency cost this year.", "marketing"),
    ("Budgeten räcker till medieköp och byrån.", "marketing"),
    ("Budgeten ska ge provision till säljarna.", "sales"),
    ("The budget is set.", None),
]


@pytest.mark.parametrize(("text", "department"), LIKELY)
def test_likely_department_from_cues(text: str, department: str | None, index: TermIndex) -> None:
    assert check(text, index).findings[0].likely_department == department


def test_finding_shape_in_swedish(index: TermIndex) -> None:
    result = check("Vi måste hålla budgeten i år.", index)
    assert result.language == "sv"
    finding = to_json(result.findings[0])
    assert finding["offset"] == 15
    assert (finding["line"], finding["column"]) == (1, 16)
    assert finding["term"] == {"id": "budget", "label": "budget"}
    assert finding["severity"] == "warning"
    assert finding["message"].startswith('"budget" betyder olika saker för Sälj (intäktsbudget)')
    assert finding["suggestions"][:2] == ["intäktsbudget", "kostnadsbudget"]
    assert [m["department"] for m in finding["meanings"]] == ["sales", "marketing"]
    assert finding["meanings"][0]["department_name"] == "Sälj"


def test_finding_shape_in_english(index: TermIndex) -> None:
    result = check("We need to agree on the budget.", index)
    assert result.language == "en"
    finding = to_json(result.findings[0])
    assert finding["message"] == (
        '"budget" means different things to Sales (revenue budget) and Marketing (cost budget).'
    )
    assert finding["suggestions"][:2] == ["revenue budget", "cost budget"]


def test_deprecated_words_suggest_their_replacements(index: TermIndex) -> None:
    finding = to_json(check("We had a hot lead.", index).findings[0])
    assert finding["kind"] == "deprecated"
    assert "sales qualified lead" in finding["suggestions"]


def test_offsets_after_emoji_and_crlf(index: TermIndex) -> None:
    text = "Hej 😀🎉\r\nvår budget\r\n"
    finding = check(text, index).findings[0]
    assert text[finding.offset : finding.offset + finding.length] == "budget"
    assert (finding.line, finding.column) == (2, 5)


def test_only_approved_terms_take_part(seed: Glossary) -> None:
    from dataclasses import replace

    from glossary.matching.model import Status

    drafted = Glossary(
        languages=seed.languages,
        departments=seed.departments,
        terms=tuple(replace(t, status=Status.DRAFT) if t.id == "budget" else t for t in seed.terms),
    )
    assert found("The budget is set.", TermIndex.build(drafted)) == []


def test_the_engine_imports_no_web_or_database_code() -> None:
    code = (
        "import sys; import glossary.matching.scan, glossary.matching.index; "
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('fastapi', 'sqlmodel', 'sqlalchemy', 'starlette', 'uvicorn')]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


DIRECTIVES: list[tuple[str, str, list[tuple[str, int]]]] = [
    (
        "markdown",
        "<!-- glossary-disable-next-line -->\nThe budget is set.\nThe budget.",
        [("budget", 3)],
    ),
    (
        "markdown",
        "<!-- glossary-disable budget -->\nThe budget and the pipeline.\n"
        "<!-- glossary-enable budget -->\nThe budget.",
        [("pipeline", 2), ("budget", 4)],
    ),
    ("markdown", "<!-- glossary-disable -->\nbudget, pipeline\n", []),
    (
        "html",
        "<p>The <code>budget</code> and <b>the budget</b>.</p><!-- budget -->",
        [("budget", 1)],
    ),
    ("html", '<p title="budget">Our &amp; their pipeline</p>', [("pipeline", 1)]),
    (
        "markdown",
        "[the budget](https://x.se/budget) and `pipeline` at https://x.se/lead",
        [("budget", 1)],
    ),
]


@pytest.mark.parametrize(("fmt", "text", "expected"), DIRECTIVES)
def test_documents_and_directives(
    fmt: str, text: str, expected: list[tuple[str, int]], index: TermIndex
) -> None:
    result = check(text, index, CheckOptions(format=fmt))  # type: ignore[arg-type]
    assert [(f.text, f.line) for f in result.findings] == expected


def test_a_sense_annotation_resolves_the_term_for_the_rest(index: TermIndex) -> None:
    text = "The budget.\n<!-- glossary: budget=sales -->\nThe budget again."
    default = check(text, index, CheckOptions(format="markdown")).findings
    assert [(f.line, f.kind) for f in default] == [(1, "ambiguous")]
    known = check(text, index, CheckOptions(format="markdown", include=KINDS)).findings
    resolved = to_json(known[1])
    assert (resolved["kind"], resolved["resolved_department"]) == ("known", "sales")
    assert resolved["message"].startswith('"budget" (Sales): Revenue budget')
    assert resolved["suggestions"] == ["revenue budget", "sales budget"]


#: One sentence per seed term, with the kind each yields when every kind is asked for.
SEED_ROWS: list[tuple[str, str, str]] = [
    ("Budgeten för Q3 är klar.", "budget", "ambiguous"),
    ("Prognosen för kvartalet ser svag ut.", "forecast", "ambiguous"),
    ("What ROI do we expect?", "roi", "ambiguous"),
    ("Vi behöver mer spin kring lanseringen.", "spin", "ambiguous"),
    ("Our positioning must be sharper.", "positioning", "ambiguous"),
    ("Värdeerbjudandet är otydligt.", "value-proposition", "ambiguous"),
    ("Her territory is the Nordics.", "territory", "ambiguous"),
    ("Pitchen gick bra i går.", "pitch", "ambiguous"),
    ("Vår kundstrategi behöver ses över.", "customer-strategy", "ambiguous"),
    ("Which segment do we start with?", "segment", "ambiguous"),
    ("Targeten för mars är satt.", "target", "ambiguous"),
    ("Personan är en inköpschef.", "persona", "ambiguous"),
    ("The account wants a new contract.", "account", "ambiguous"),
    ("Stämmer kunden med vår ICP?", "icp", "known"),
    ("Alla leads ska in i systemet.", "lead", "ambiguous"),
    ("Är det en kvalificerad lead?", "qualified-lead", "ambiguous"),
    ("Vi fick tolv MQL:er förra veckan.", "mql", "known"),
    ("Three SQLs were accepted.", "sql", "known"),
    ("SLA:n säger två dagar.", "sla", "known"),
    ("Prospektet har inte svarat.", "prospect", "ambiguous"),
    ("Nurturing takes months.", "nurturing", "ambiguous"),
    ("Kampanjen startar i maj.", "campaign", "ambiguous"),
    ("Kampanjkoden syns i CRM:et.", "campaign-code", "ambiguous"),
    ("Varje aktivitet ska loggas.", "activity", "ambiguous"),
    ("Engagemanget har ökat.", "engagement", "ambiguous"),
    ("Konverteringen ökade i april.", "conversion", "ambiguous"),
    ("Attribution is hard to agree on.", "attribution", "ambiguous"),
    ("Pipelinen är tunn.", "pipeline", "ambiguous"),
    ("Tratten läcker i mitten.", "funnel", "ambiguous"),
    ("Is this a real opportunity?", "opportunity", "ambiguous"),
    ("Erbjudandet gäller till fredag.", "offer", "ambiguous"),
    ("Skicka offerten i dag.", "quote", "known"),
    ("Retention is our focus this year.", "retention", "ambiguous"),
    ("Churn rose in Q2.", "churn", "ambiguous"),
    ("Uppdatera CRM:et efter mötet.", "crm", "known"),
    ("Vi har en het lead från mässan.", "hot-lead", "deprecated"),
    ("Smarketing är vårt nya arbetssätt.", "smarketing", "deprecated"),
]


@pytest.mark.parametrize(("text", "term_id", "kind"), SEED_ROWS)
def test_every_seed_term_is_found(text: str, term_id: str, kind: str, index: TermIndex) -> None:
    findings = check(text, index, CheckOptions(include=KINDS)).findings
    assert (term_id, kind) in [(f.term.id, f.kind) for f in findings]


def test_every_seed_term_has_an_example_row(seed: Glossary) -> None:
    assert {t.id for t in seed.terms} == {term_id for _, term_id, _ in SEED_ROWS}


#: Inflections found by rule alone, with a glossary that lists no forms at all.
RULE_ONLY: list[tuple[str, str]] = [
    (label, word)
    for label, words in {
        "kampanj": "kampanjen kampanjer kampanjerna kampanjens",
        "prognos": "prognosen prognoser prognoserna",
        "segment": "segmentet segmenten segmentens",
        "konto": "kontot konton kontona",
        "erbjudande": "erbjudandet erbjudanden erbjudandena",
        "tratt": "tratten trattar trattarna",
        "lead": "leads leadsen leaden",
        "target": "targets targeten",
        "pipeline": "pipelinen pipelines",
        "persona": "personan personor personas",
        "funnel": "funneln funnels",
        "partner": "partnern partnerna",
        "opportunity": "opportunities",
    }.items()
    for word in words.split()
]
MULTIWORD_RULES: list[tuple[str, str]] = [
    ("value proposition", "two value propositions"),
    ("customer strategy", "our customer strategies"),
    ("kvalificerad lead", "tre kvalificerade leads"),
    ("kvalificerad lead", "ett kvalificerat lead"),
]
NOT_FORMS = ["budgett", "leader", "kontor", "partnert", "personal", "trattt"]


@pytest.fixture(scope="module")
def bare() -> TermIndex:
    from glossary.matching.model import Department, Meaning, Term

    labels = {label for label, _ in RULE_ONLY + MULTIWORD_RULES} | {"budget"}
    departments = (Department("sales", {"en": "Sales"}), Department("marketing", {"en": "Mkt"}))
    meanings = (Meaning("sales", {"en": "one"}), Meaning("marketing", {"en": "two"}))
    terms = tuple(
        Term(id=label.replace(" ", "-"), labels={"sv": (label,)}, meanings=meanings)
        for label in labels
    )
    return TermIndex.build(Glossary(("sv", "en"), departments, terms))


@pytest.mark.parametrize(("label", "word"), RULE_ONLY)
def test_inflections_by_rule(label: str, word: str, bare: TermIndex) -> None:
    findings = check(f"Vi ser {word} här.", bare, CheckOptions(fuzzy=False)).findings
    assert [(f.text, f.term.id, f.match.value) for f in findings] == [(word, label, "inflection")]


@pytest.mark.parametrize(("label", "text"), MULTIWORD_RULES)
def test_multiword_inflection_and_agreement(label: str, text: str, bare: TermIndex) -> None:
    findings = check(f"Vi ser {text} här.", bare, CheckOptions(fuzzy=False)).findings
    assert [(f.term.id, f.match.value) for f in findings] == [
        (label.replace(" ", "-"), "inflection")
    ]


@pytest.mark.parametrize("word", NOT_FORMS)
def test_no_inflection_by_accident(word: str, bare: TermIndex) -> None:
    assert check(f"Vi ser {word} här.", bare, CheckOptions(fuzzy=False)).findings == []


@pytest.mark.parametrize(
    "word",
    [
        "budget",
        "persona",
        "lead",
        "mql",
        "policy",
        "spy",
        "ab",
        "kampanj",
        "funnel",
        "partner",
        "konto",
        "pipeline",
        "offerta",
        "ies",
        "mql:er",
    ],
)
def test_inflections_are_exactly_what_bases_takes_back(word: str) -> None:
    # The forward rules must agree with the backward ones: every ending on every stem the
    # rules could use, kept only where `bases` leads back to the word.
    stems = {word, word[:-1]}
    endings = {*SV_ENDINGS, *EN_ENDINGS, "ies"}
    candidates = {stem + ending for stem in stems for ending in endings}
    candidates |= {word + ":" + ending for ending in endings}
    assert inflections(word) == {t for t in candidates if word in bases(t)}


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Our positoning is unclear.", 'Did you mean "positioning"? "positioning" means'),
        ("Vi ser över kampnajen.", 'Menade du "kampanj"? "kampanj" betyder'),
    ],
)
def test_misspelled_words_ask_did_you_mean(text: str, start: str, index: TermIndex) -> None:
    finding = to_json(check(text, index).findings[0])
    assert finding["match"] == "fuzzy"
    assert finding["message"].startswith(start)


def test_exact_words_do_not_ask_did_you_mean(index: TermIndex) -> None:
    message = check("Our positioning is unclear.", index).findings[0].message
    assert "Did you mean" not in message
