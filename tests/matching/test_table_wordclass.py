"""Word class and idioms as a table: a verb use of a noun term, or a term word inside an
everyday phrase, is not the term; the noun uses around them still are (Swedish and English).

Rows are (text, expected) as in `test_matching`, checked against the seed glossary.
"""

from __future__ import annotations

import dataclasses

import pytest

from glossary.matching.index import TermIndex
from glossary.matching.model import Glossary
from tests.matching.test_matching import Row, found

LEAD = ("lead", "lead", "ambiguous", "exact")
LEADS = ("leads", "lead", "ambiguous", "exact")
BUDGET = ("budget", "budget", "ambiguous", "exact")
#: A long first sentence, so that the words around a span are read in mid-text.
PREAMBLE = "The quarterly review went through every region we sell in, one by one, slowly. "

ENGLISH_VERBS: list[tuple[str, list[Row]]] = [
    ("She will lead the workshop.", []),
    ("Jonas will also lead the partner call on the 23rd.", []),
    ("We'll lead with the demo, then the lead gets a call.", [LEAD]),
    ("Who wants to lead the retro?", []),
    ("We need to budget for it next year.", []),
    ("We want to target SMBs in the north.", []),
    ("He leads the team and she leads the QA.", []),
    ("Anna leads the onboarding session today.", []),
    ("We forecast two million for the quarter.", []),
    ("Please don't spin up another env for this.", []),
    ("FX rounding when converting EUR deals to SEK.", []),
    ("Lead the demo tomorrow and send the deck.", []),
    ("Next step: lead the workshop with their buyers.", []),
    ("- Lead the onboarding call\n- Update the CRM", []),
    ("In May we may budget more.", []),
    (PREAMBLE + "Anna leads the onboarding session today.", []),
]

ENGLISH_NOUNS: list[tuple[str, list[Row]]] = [
    ("The lead is hot.", [LEAD]),
    ("Two new leads came in.", [LEADS]),
    ("A qualified lead replied.", [("qualified lead", "qualified-lead", "ambiguous", "exact")]),
    ("Our forecast is weak.", [("forecast", "forecast", "ambiguous", "exact")]),
    ("Budget for Q3 is set.", [("Budget", "budget", "ambiguous", "exact")]),
    ("Can leads be merged in the CRM?", [LEADS]),
    ("In May leads rose by 20 percent.", [LEADS]),
    (PREAMBLE + "In May leads rose by 20 percent.", [LEADS]),
    ("We sent you leads from the fair.", [LEADS]),
    ("We sent them leads the same day.", [LEADS]),
    ("New leads the team found yesterday.", [LEADS]),
    ("Moved from contact to lead.", [LEAD]),
    (
        "So converted leads are not counted twice.",
        [
            ("converted", "conversion", "ambiguous", "inflection"),
            ("leads", "lead", "ambiguous", "exact"),
        ],
    ),
    ("The SMB lead is hot, the budget too.", [LEAD, BUDGET]),
]

SWEDISH_VERBS: list[tuple[str, list[Row]]] = [
    ("Sara frågade om vi kan konvertera deras rapporter till PDF.", []),
    ("Vi behöver inte budgetera för det.", []),
    ("Det är svårt att positionera sig mot dem.", []),
    ("Vi har budgeterat för två mässor.", []),
    ("Ska vi pitcha för byrån?", []),
]

SWEDISH_NOUNS: list[tuple[str, list[Row]]] = [
    ("Budgeten är låst.", [("Budgeten", "budget", "ambiguous", "inflection")]),
    (
        "Lena vill att vi budgeterar mässorna separat.",
        [("budgeterar", "budget", "ambiguous", "inflection")],
    ),
    (
        "Hur många som konverterar till möten?",
        [("konverterar", "conversion", "ambiguous", "inflection")],
    ),
    ("I budget för 2026 ingår mässan.", [BUDGET]),
    ("Kan pitchen bli kortare?", [("pitchen", "pitch", "ambiguous", "inflection")]),
    ("Vi måste se över pipelinen.", [("pipelinen", "pipeline", "ambiguous", "inflection")]),
]

IDIOMS: list[tuple[str, list[Row]]] = [
    ("Our ad account got flagged for unusual payment activity.", []),
    ("The bank flagged suspicious activity on my savings account.", []),
    ("Please take the travel costs into account.", []),
    ("Spin up an env and ask the team lead.", []),
    ("Our lead times are long; the lead is not.", [LEAD]),
    ("The CI pipeline failed on the target branch.", []),
    (
        "A phishing campaign hit the inbox; the campaign is fine.",
        [("campaign", "campaign", "ambiguous", "exact")],
    ),
    ("Utlägg ersätts till ert lönekonto med januarilönen.", []),
    ("Pengarna sätts in på semesterlönekontot.", []),
    ("Logga in på ditt e-postkonto eller ditt användarkonto.", []),
    (
        "Lönekontot är tomt men kontot hos kunden växer.",
        [("kontot", "account", "ambiguous", "inflection")],
    ),
    ("Tack för ditt engagemang i projektet!", []),
    ("Vi såg misstänkt aktivitet i nätverket.", []),
]

#: Everyday senses of the glossary's words, one or two per term: physical, financial, legal,
#: HR and technical senses and set phrases, each next to the business sense, still flagged.
OTHER_SENSES: list[tuple[str, list[Row]]] = [
    ("The roof pitch is 30 degrees and the thread pitch 1.5 mm.", []),
    ("Her pitch was great.", [("pitch", "pitch", "ambiguous", "exact")]),
    ("Our error budget for the API is spent.", []),
    ("We flew a budget airline; the budget is fine.", [BUDGET]),
    ("The pollen forecast and the economic forecast are out.", []),
    ("Accounts payable pays on the 25th, via the general ledger account.", []),
    ("Log in to your account and reset the account password.", []),
    ("She gave a detailed account of the meeting.", []),
    ("The account renewed.", [("account", "account", "ambiguous", "exact")]),
    ("Lead paint and a charging lead; the QA lead signed off.", []),
    ("Heat retention is poor and employee retention is an HR topic.", []),
    ("Retention of customers improved.", [("Retention", "retention", "ambiguous", "exact")]),
    ("Staff churn hit the desk; code churn is high.", []),
    ("Churn rose to 4 percent.", [("Churn", "churn", "ambiguous", "exact")]),
    ("The engagement letter from the auditors arrived.", []),
    ("They announced their engagement on Friday.", []),
    (
        "Their engagement with the newsletter rose.",
        [("engagement", "engagement", "ambiguous", "exact")],
    ),
    ("I'd like to take this opportunity to thank you all.", []),
    ("Thank you for the opportunity to present.", []),
    (
        "Move the opportunity to stage 3.",
        [("opportunity", "opportunity", "ambiguous", "exact")],
    ),
    ("Thanks for the offer of help.", []),
    ("Thanks for the offer, we will review it.", [("offer", "offer", "ambiguous", "exact")]),
    ("The photos need CC BY attribution and an attribution notice.", []),
    (
        "The attribution report shows LinkedIn first.",
        [("attribution", "attribution", "ambiguous", "exact")],
    ),
    ("The gas pipeline was shut; check the pipeline logs of the GitLab pipeline.", []),
    ("The PDF conversion failed; we had to convert the files by hand.", []),
    ("Check the conversion rate.", [("conversion", "conversion", "ambiguous", "exact")]),
    ("Absolute positioning breaks the layout; the GPS positioning system lost its fix.", []),
    ("We are in dangerous territory with this bug.", []),
    ("A line segment joins two points; the flight segment was cancelled.", []),
    ("The make target and the target database are set.", []),
    ("The target for Q3 is 2 MSEK.", [("target", "target", "ambiguous", "exact")]),
    ("The vaccination campaign and the election campaign start in May.", []),
    ("Sports activity and malicious activity were logged.", []),
    ("Hans offentliga persona skiljer sig från den privata.", []),
    ("Han föll offer för en bluff; trafikoffer minskar.", []),
    ("Kaffetratten står i köket.", []),
    ("Tratten läcker vid demosteget.", [("Tratten", "funnel", "ambiguous", "inflection")]),
    ("Vi erbjuder CNC-bearbetning och metallbearbetning.", []),
    (
        "Vi måste se över bearbetningen av kunderna.",
        [("bearbetningen", "nurturing", "ambiguous", "inflection")],
    ),
    ("Tack för visat engagemang!", []),
    ("Engagemanget i inläggen ökade.", [("Engagemanget", "engagement", "ambiguous", "inflection")]),
    ("Väderleksprognosen och konjunkturprognosen lovar regn.", []),
    ("Jag har problem med mitt Google-konto och bokföringskontot.", []),
    ("Konvertera filen till PDF innan du skickar den.", []),
    ("Grundprospektet godkändes av Finansinspektionen.", []),
    ("Prospektet vill ha en demo.", [("Prospektet", "prospect", "ambiguous", "inflection")]),
    ("Vi såg en desinformationskampanj och en vaccinationskampanj.", []),
    ("Kampanjen gick bra.", [("Kampanjen", "campaign", "ambiguous", "inflection")]),
    ("Bygget föll i vår byggpipeline.", []),
    ("Vi har en felbudget för tjänsten.", []),
    ("Sätt en tidsbudget för mötet.", []),
    ("Thanks for your engagement, everyone.", []),
    ("Please reply at your earliest opportunity.", []),
    ("The target release is 2.4.", []),
    ("Konverteringen av filerna tog en timme.", []),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    ENGLISH_VERBS + ENGLISH_NOUNS + SWEDISH_VERBS + SWEDISH_NOUNS + IDIOMS + OTHER_SENSES,
)
def test_word_class_and_idioms(text: str, expected: list[Row], index: TermIndex) -> None:
    assert found(text, index) == expected


def test_a_term_that_means_its_verb_is_found_as_a_verb(seed: Glossary) -> None:
    terms = tuple(
        dataclasses.replace(t, pos=("noun", "verb")) if t.id == "lead" else t for t in seed.terms
    )
    index = TermIndex.build(dataclasses.replace(seed, terms=terms))
    assert found("She will lead the workshop.", index) == [LEAD]
    assert found("Poor data leads to poor decisions.", index) == []  # an idiom still


def test_an_idiom_the_glossary_lists_as_its_own_wording_is_the_glossarys(
    seed: Glossary,
) -> None:
    terms = tuple(
        dataclasses.replace(t, labels={**t.labels, "sv": (*t.labels["sv"], "lönekonto")})
        if t.id == "account"
        else t
        for t in seed.terms
    )
    index = TermIndex.build(dataclasses.replace(seed, terms=terms))
    assert found("Till ert lönekonto.", index) == [("lönekonto", "account", "ambiguous", "exact")]
