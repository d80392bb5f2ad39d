"""Ignore lists and word classes in glossary files and CSV: read, refused with the line and
path of each mistake, and written back only when they differ from the defaults."""

from __future__ import annotations

import pytest

from glossary.csv_file import dump_csv, parse_csv
from glossary.errors import InvalidGlossaryFile
from glossary.terms_file import dump_json, dump_yaml, load_glossary, parse_glossary
from tests.conftest import SEED

HEAD = """\
schema: 1
languages: [sv, en]
departments:
  - id: sales
    name: {sv: Sälj, en: Sales}
"""

LEAD = """\
  - id: lead
    labels: {sv: [lead], en: [lead]}
    forms: {sv: [leadsen]}
    meanings:
      - department: sales
        definition: {en: A possible customer., sv: En möjlig kund.}
"""


def glossary_text(top: str = "", term: str = "") -> str:
    return HEAD + top + "terms:\n" + LEAD + term


def problems_of(text: str) -> list[str]:
    with pytest.raises(InvalidGlossaryFile) as raised:
        parse_glossary(text)
    return [str(problem) for problem in raised.value.problems]


def test_ignore_lists_and_word_classes_are_read() -> None:
    text = glossary_text(
        "ignore: [Campaign Monitor, Lead Forensics]\n",
        "    ignore: [Lead Generation AB, Säljleadsen]\n    pos: [noun, verb]\n",
    )
    glossary = parse_glossary(text)
    assert glossary.ignore == ("Campaign Monitor", "Lead Forensics")
    assert glossary.terms[0].ignore == ("Lead Generation AB", "Säljleadsen")
    assert glossary.terms[0].pos == ("noun", "verb")


def test_without_them_nothing_is_ignored_and_the_noun_is_meant() -> None:
    glossary = parse_glossary(glossary_text())
    assert glossary.ignore == ()
    assert glossary.terms[0].ignore == ()
    assert glossary.terms[0].pos == ("noun",)


def test_the_verb_alone_may_be_meant_and_order_does_not_matter() -> None:
    verb = parse_glossary(glossary_text(term="    pos: [verb]\n"))
    both = parse_glossary(glossary_text(term="    pos: [verb, noun]\n"))
    assert verb.terms[0].pos == ("verb",)
    assert both.terms[0].pos == ("noun", "verb")


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        (
            "    pos: [noun, adverb]\n",
            "line 13: terms[0].pos[1]: unknown word class 'adverb' (noun, verb)",
        ),
        ("    pos: []\n", "line 13: terms[0].pos: a term needs at least one word class"),
        (
            "    pos: [verb, verb]\n",
            "line 13: terms[0].pos[1]: duplicate word class 'verb' (also terms[0].pos[0])",
        ),
        ("    pos: noun\n", "line 13: terms[0].pos: expected a list of strings, got a string"),
        ("    ignore: ['  ']\n", "line 13: terms[0].ignore[0]: must not be empty"),
        (
            "    ignore: [Lead Forensics, Lead  Forensics]\n",
            "line 13: terms[0].ignore[1]: duplicate ignore phrase 'Lead  Forensics' "
            "(also terms[0].ignore[0])",
        ),
        (
            "    ignore: [Acme AB]\n",
            "line 13: terms[0].ignore[0]: 'Acme AB' contains none of the term's labels or "
            "forms, so it ignores nothing",
        ),
    ],
)
def test_mistakes_in_a_term_are_reported_by_line_and_path(term: str, expected: str) -> None:
    assert problems_of(glossary_text(term=term)) == [expected]


def test_mistakes_in_the_glossary_s_own_list_are_reported_by_line_and_path() -> None:
    text = glossary_text("ignore:\n  - Campaign Monitor\n  - Campaign  Monitor\n  - 42\n")
    assert problems_of(text) == [
        "line 8: ignore[1]: duplicate ignore phrase 'Campaign  Monitor' (also ignore[0])",
        "line 9: ignore[2]: expected a string, got an integer",
    ]


def test_a_name_in_another_case_is_another_name() -> None:
    text = glossary_text("ignore: [Campaign Monitor, campaign monitor]\n")
    assert parse_glossary(text).ignore == ("Campaign Monitor", "campaign monitor")


def test_a_phrase_with_an_inflection_or_compound_of_the_label_ignores_something() -> None:
    text = glossary_text(term="    ignore: [Leads Manager, Salesleadsen AB]\n")
    assert parse_glossary(text).terms[0].ignore == ("Leads Manager", "Salesleadsen AB")


def test_the_seed_glossary_is_written_back_without_them() -> None:
    seed = load_glossary(SEED)
    written = dump_yaml(seed)
    assert "ignore" not in written
    assert "pos:" not in written
    assert dump_yaml(parse_glossary(written)) == written


@pytest.mark.parametrize("dump", [dump_yaml, dump_json])
def test_they_are_written_back_in_a_stable_order(dump: object) -> None:
    text = glossary_text(
        "ignore: [Lead Forensics, Campaign Monitor]\n",
        "    ignore: [Lead Generation AB]\n    pos: [verb, noun]\n",
    )
    glossary = parse_glossary(text)
    assert callable(dump)
    written = dump(glossary)
    fmt = "json" if dump is dump_json else "yaml"
    again = parse_glossary(written, fmt=fmt)
    assert again == glossary
    assert dump(again) == written
    if fmt == "yaml":
        assert "ignore: [Lead Forensics, Campaign Monitor]\nterms:" in written
        assert "    ignore: [Lead Generation AB]\n    pos: [noun, verb]\n" in written


def test_csv_carries_a_term_s_ignore_list_and_word_classes() -> None:
    text = glossary_text(term="    ignore: [Lead Forensics, A|B lead]\n    pos: [noun, verb]\n")
    glossary = parse_glossary(text)
    csv_text = dump_csv(glossary)
    assert csv_text.splitlines()[0].startswith("id,status,usage,tags,related,note,ignore,pos,")
    found = parse_csv(csv_text, languages=("sv", "en"), departments=("sales",))
    assert found.terms == list(glossary.terms)


def test_csv_without_the_columns_or_with_empty_cells_keeps_the_defaults() -> None:
    csv_text = "id,label:en,department,definition:en,pos\r\nlead,lead,sales,A customer.,\r\n"
    found = parse_csv(csv_text, languages=("sv", "en"), departments=("sales",))
    assert found.terms[0].pos == ("noun",)
    assert found.terms[0].ignore == ()


def test_csv_reports_an_unknown_word_class_at_its_row_and_column() -> None:
    csv_text = "id,label:en,department,definition:en,pos\r\nlead,lead,sales,A customer.,adverb\r\n"
    with pytest.raises(InvalidGlossaryFile) as raised:
        parse_csv(csv_text, languages=("sv", "en"), departments=("sales",))
    assert [str(p) for p in raised.value.problems] == [
        "line 2: row 2, column 'pos': unknown word class 'adverb' (noun, verb)"
    ]
