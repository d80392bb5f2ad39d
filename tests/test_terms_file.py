"""Glossary files: parsing with line-numbered problems, validation rules, and lossless dumps."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Literal

import pytest

from glossary.errors import InvalidGlossaryFile, Problem
from glossary.matching.model import Department, Glossary, Meaning, Status, Term, Usage
from glossary.terms_file import (
    department_to_dict,
    dump_json,
    dump_yaml,
    glossary_to_dict,
    load_glossary,
    parse_department,
    parse_glossary,
    parse_term,
    term_to_dict,
)

DATA = Path(__file__).parent / "data" / "terms_file"

VALID = Glossary(
    languages=("sv", "en"),
    departments=(
        Department("sales", {"sv": "Sälj", "en": "Sales"}),
        Department("marketing", {"sv": "Marknad", "en": "Marketing"}),
    ),
    terms=(
        Term(
            id="budget",
            labels={"sv": ("budget",), "en": ("budget",)},
            forms={"sv": ("budgetar", "budgeten")},
            meanings=(
                Meaning(
                    department="sales",
                    definition={
                        "sv": "Intäktsbudget – de intäkter säljarna åtar sig att dra in (kr/år).",
                        "en": "Revenue budget – the income the sales team commits to bring in 💰.",
                    },
                    prefer={
                        "sv": ("intäktsbudget", "säljbudget"),
                        "en": ("revenue budget", "sales budget"),
                    },
                    cues={"en": ("revenue", "quota")},
                ),
                Meaning(
                    department="marketing",
                    definition={"en": "Cost budget – the money marketing may spend."},
                    prefer={"en": ("cost budget",)},
                ),
            ),
            related=("lead",),
            tags=("economy",),
            note="From the 2024 planning handbook.\nSecond line.",
        ),
        Term(
            id="lead",
            labels={"en": ("lead", "sales lead")},
            meanings=(Meaning("marketing", {"en": "A person who showed interest."}),),
            status=Status.IN_REVIEW,
            usage=Usage.DEPRECATED,
        ),
    ),
)

# Every problem in data/terms_file/problems.yaml, in line order (the file marks each line).
PROBLEMS = [
    Problem("schema", "unsupported schema 2; this version reads schema 1", 1),
    Problem("languages[2]", "invalid language code 'EN'", 2),
    Problem("departments[1].id", "duplicate department id 'sales' (also departments[0])", 6),
    Problem("terms[0].labels.de", "unknown language 'de' (languages: sv, en)", 15),
    Problem("terms[0].meanings[0].department", "unknown department 'sale'", 17),
    Problem(
        "terms[0].meanings[0].prefer.sv[0]",
        "prefer wording 'Budget' is one of the term's labels",
        19,
    ),
    Problem(
        "terms[0].meanings[2].department",
        "duplicate meaning for department 'marketing' (also terms[0].meanings[1])",
        22,
    ),
    Problem("terms[0].meanings[2].definition.en", "must not be empty", 23),
    Problem("terms[1]", "missing field 'labels'", 24),
    Problem(
        "terms[1].id",
        "invalid id 'Lead_2': use lowercase letters, digits and '-', not starting with '-'",
        24,
    ),
    Problem("terms[1]", "unknown field 'lables'", 25),
    Problem(
        "terms[1].meanings[0].cues.en", "expected a string or a list of strings, got a mapping", 29
    ),
    Problem(
        "terms[1].status",
        "invalid status 'done'; expected draft, in_review, approved, rejected",
        30,
    ),
    Problem("terms[2].labels.en[0]", "label 'BUDGET' is also a label of term 'budget'", 33),
    Problem("terms[2].related[0]", "a term cannot be related to itself", 37),
    Problem("terms[2].tags", "expected a list of strings, got a string", 38),
    Problem("terms[2].tags", "duplicate key 'tags' (first on line 38)", 39),
]


def with_terms(*terms: dict[str, str]) -> str:
    """A glossary with one department, sales, and these terms (field values are YAML)."""
    head = "schema: 1\nlanguages: [sv, en]\ndepartments: [{id: sales, name: {sv: Sälj}}]\nterms:\n"
    return head + "".join(map(term_yaml, terms))


def term_yaml(fields: dict[str, str]) -> str:
    base = {
        "id": "t",
        "labels": "{sv: [ord]}",
        "meanings": "[{department: sales, definition: {sv: x}}]",
    }
    lines = [f"{key}: {value}" for key, value in {**base, **fields}.items()]
    return "  - " + "\n    ".join(lines) + "\n"


def problems_of(text: str | bytes, fmt: Literal["yaml", "json"] = "yaml") -> list[Problem]:
    with pytest.raises(InvalidGlossaryFile) as caught:
        parse_glossary(text, fmt=fmt)
    return caught.value.problems


def term_problems(raw: object) -> list[Problem]:
    with pytest.raises(InvalidGlossaryFile) as caught:
        parse_term(raw, languages=["sv", "en"], departments=["sales", "marketing"])
    return caught.value.problems


def a_term(**fields: Any) -> dict[str, Any]:
    """A valid term as request data, with some fields replaced or added."""
    term = {
        "id": "budget",
        "labels": {"sv": ["budget"]},
        "meanings": [{"department": "sales", "definition": {"sv": "Intäktsbudget."}}],
    }
    return {**term, **fields}


# Parsing valid files


@pytest.mark.parametrize("name", ["valid.yaml", "valid.json"])
def test_a_valid_glossary_parses_to_its_values(name: str) -> None:
    assert load_glossary(DATA / name) == VALID


def test_parsed_localized_maps_follow_the_glossary_language_order() -> None:
    marketing = load_glossary(DATA / "valid.yaml").departments[1]
    assert list(marketing.name) == ["sv", "en"]


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("\ufeff" + (DATA / "valid.yaml").read_text(encoding="utf-8"), "yaml"),
        (b"\xef\xbb\xbf" + (DATA / "valid.yaml").read_bytes(), "yaml"),
        (b"\xef\xbb\xbf" + (DATA / "valid.json").read_bytes(), "json"),
    ],
    ids=["yaml str", "yaml bytes", "json bytes"],
)
def test_a_utf8_bom_is_accepted(text: str | bytes, fmt: Literal["yaml", "json"]) -> None:
    assert parse_glossary(text, fmt=fmt) == VALID


@pytest.mark.parametrize(
    ("yaml_value", "expected"),
    [
        ("no", "no"),  # the "Norway problem": YAML 1.1 would read a boolean
        ("on", "on"),
        ("2024-01-01", "2024-01-01"),
        ("'1'", "1"),
        ("!!str 1", "1"),
    ],
)
def test_plain_words_stay_text(yaml_value: str, expected: str) -> None:
    text = with_terms({"labels": f"{{sv: [{yaml_value}]}}"})
    assert parse_glossary(text).terms[0].labels == {"sv": (expected,)}


def test_aliases_are_followed() -> None:
    text = with_terms({"labels": "&words {sv: [ord]}", "forms": "*words"})
    assert parse_glossary(text).terms[0].forms == {"sv": ("ord",)}


# Problems in files


def test_every_problem_in_a_file_is_reported_with_path_and_line() -> None:
    with pytest.raises(InvalidGlossaryFile) as caught:
        load_glossary(DATA / "problems.yaml")
    assert caught.value.problems == PROBLEMS
    assert caught.value.message.endswith("has 17 problems; nothing was imported")
    assert str(caught.value.problems[4]) == (
        "line 17: terms[0].meanings[0].department: unknown department 'sale'"
    )


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        (
            "json",
            '{\n  "schema": 1,\n  "languages": ["sv",]\n}',
            Problem("", "invalid JSON: Expecting value", 3),
        ),
        ("json", "", Problem("", "invalid JSON: Expecting value", 1)),
        ("yaml", "", Problem("", "the file is empty", 1)),
        ("yaml", "# only a comment\n", Problem("", "the file is empty", 1)),
        (
            "yaml",
            "schema: 1\n---\nschema: 1\n",
            Problem("", "invalid YAML: expected a single document", 2),
        ),
        ("yaml", "schema: 1\nnote: a\x07b\n", Problem("", "invalid character U+0007", 2)),
        (
            "yaml",
            b"schema: 1\nnote: \xff\n",
            Problem("", "not valid UTF-8: byte 0xff cannot be decoded", 2),
        ),
        (
            "json",
            b'{"schema":\n\xc3(}',
            Problem("", "not valid UTF-8: byte 0xc3 cannot be decoded", 2),
        ),
        ("yaml", "a: &x [*x]\n", Problem("a[0]", "invalid YAML: undefined alias 'x'", 1)),
        ("yaml", "- schema: 1\n", Problem("", "expected a mapping, got a list", 1)),
    ],
    ids=[
        "json trailing comma",
        "json empty",
        "yaml empty",
        "yaml only comments",
        "yaml two documents",
        "control character",
        "bad utf-8 yaml",
        "bad utf-8 json",
        "recursive alias",
        "not a mapping",
    ],
)
def test_an_unreadable_file_reports_one_problem_with_its_line(
    fmt: Literal["yaml", "json"], text: str | bytes, expected: Problem
) -> None:
    assert problems_of(text, fmt) == [expected]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("schema: 1\nlanguages: [sv\ndepartments: []\n", 3),
        ("schema: 1\n  languages: [sv]\n", 2),
        ("schema: 1\nlanguages: 'sv\n", 3),
    ],
    ids=["unclosed list", "bad indentation", "unclosed quote"],
)
def test_a_yaml_syntax_error_reports_its_line(text: str, line: int) -> None:
    [problem] = problems_of(text)
    # The wording comes from the parser (libyaml or pure Python); the line is ours to keep.
    assert (problem.path, problem.line) == ("", line)
    assert problem.message.startswith("invalid YAML: ")


def test_an_alias_bomb_is_stopped() -> None:
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        name, previous = chr(ord("a") + i), chr(ord("a") + i - 1)
        levels.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    text = "terms:\n" + "".join(f"  {level}\n" for level in levels)
    assert problems_of(text)[0] == Problem("terms.e[0]", "aliases expand to too much data", 6)


def test_json_problems_carry_lines() -> None:
    text = (
        '{\n  "schema": 1,\n  "languages": ["sv"],\n'
        '  "departments": [{"id": "sales",\n'
        '                   "name": {"sv": "S\\u00e4lj \\/ \\ud83d\\udcb0 \\\\ud800"}}],\n'
        '  "terms": [{\n    "id": "budget",\n    "labels": {"sv": ["budget"]},\n'
        '    "meanings": [{"department": "sale", "definition": {"sv": "x"}}],\n'
        '    "tags": [],\n    "tags": []\n  }]\n}\n'
    )
    assert problems_of(text, "json") == [
        Problem("terms[0].meanings[0].department", "unknown department 'sale'", 9),
        Problem("terms[0].tags", "duplicate key 'tags' (first on line 10)", 11),
    ]


def glossary_text(**fields: str) -> str:
    """A glossary's top level, one field a line, with some values replaced or added."""
    lines = {"schema": "1", "languages": "[sv]", "departments": "[]", "terms": "[]", **fields}
    return "".join(f"{key}: {value}\n" for key, value in lines.items())


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"languages": "[]"}, Problem("languages", "at least one language is needed", 2)),
        ({"languages": "[sv, sv]"}, Problem("languages[1]", "duplicate language 'sv'", 2)),
        (
            {"languages": "sv"},
            Problem("languages", "expected a list of strings, got a string", 2),
        ),
        ({"schema": "'1'"}, Problem("schema", "expected an integer, got a string", 1)),
        ({"schema": "true"}, Problem("schema", "expected an integer, got a boolean", 1)),
        ({"departments": "{}"}, Problem("departments", "expected a list, got a mapping", 3)),
        (
            {"departments": "[{id: a, name: {}}]"},
            Problem("departments[0].name", "a department needs a name in at least one language", 3),
        ),
        ({"terms": "~"}, Problem("terms", "expected a list, got null", 4)),
        ({"extra": "1"}, Problem("", "unknown field 'extra'", 5)),
    ],
)
def test_glossary_level_rules(fields: dict[str, str], expected: Problem) -> None:
    assert problems_of(glossary_text(**fields)) == [expected]


def test_missing_top_level_fields_are_reported_on_the_mapping() -> None:
    assert problems_of("# a comment\n\nschema: 1\nterms: []\n") == [
        Problem("", "missing field 'languages'", 3),
        Problem("", "missing field 'departments'", 3),
    ]


def test_duplicate_term_ids_are_reported() -> None:
    text = with_terms({"labels": "{sv: [a]}"}, {"labels": "{sv: [b]}"})
    assert problems_of(text) == [Problem("terms[1].id", "duplicate term id 't' (also terms[0])", 8)]


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        (
            {"forms": "{sv: [leadsen]}"},
            {"forms": "{sv: [Leadsen]}"},
            "form 'Leadsen' is also a form of term 'a'",
        ),
        (
            {"labels": "{sv: [lead]}"},
            {"forms": "{sv: [lead]}"},
            "form 'lead' is also a label of term 'a'",
        ),
    ],
)
def test_a_word_of_two_terms_is_refused(
    first: dict[str, str], second: dict[str, str], message: str
) -> None:
    text = with_terms({"id": "a", **first}, {"id": "b", "labels": "{sv: [other]}", **second})
    assert [p.message for p in problems_of(text)] == [message]


def test_a_form_may_repeat_its_own_label() -> None:
    text = with_terms({"labels": "{sv: [budget]}", "forms": "{sv: [Budget, budgetar]}"})
    assert parse_glossary(text).terms[0].forms == {"sv": ("Budget", "budgetar")}


# One term as request data (no lines)


def bad_id(text: str) -> str:
    return f"invalid id '{text}': use lowercase letters, digits and '-', not starting with '-'"


def meaning(**fields: Any) -> dict[str, Any]:
    return {"department": "sales", "definition": {"sv": "x"}, **fields}


@pytest.mark.parametrize(
    ("raw", "path", "message"),
    [
        ("budget", "term", "expected a mapping, got a string"),
        (a_term(id=" Budget "), "term.id", bad_id("Budget")),
        (a_term(labels={}), "term.labels", "a term needs at least one label"),
        (a_term(labels={"sv": []}), "term.labels", "a term needs at least one label"),
        (a_term(labels={"sv": ["  "]}), "term.labels.sv[0]", "must not be empty"),
        (a_term(labels={"sv": [1]}), "term.labels.sv[0]", "expected a string, got an integer"),
        (
            a_term(labels={"sv": ["budget", "Budget"]}),
            "term.labels.sv[1]",
            "duplicate label 'Budget' (also term.labels.sv[0])",
        ),
        (
            a_term(labels={"fr": ["budget"]}),
            "term.labels.fr",
            "unknown language 'fr' (languages: sv, en)",
        ),
        (a_term(meanings=[]), "term.meanings", "a term needs at least one meaning"),
        (a_term(meanings={"sales": "x"}), "term.meanings", "expected a list, got a mapping"),
        (
            a_term(meanings=[meaning(definition={})]),
            "term.meanings[0].definition",
            "a meaning needs a definition in at least one language",
        ),
        (
            a_term(meanings=[meaning(definition="x")]),
            "term.meanings[0].definition",
            "expected a mapping, got a string",
        ),
        (
            a_term(meanings=[meaning(definition={"sv": ["x"]})]),
            "term.meanings[0].definition.sv",
            "expected a string, got a list",
        ),
        (
            a_term(meanings=[meaning(department="hr")]),
            "term.meanings[0].department",
            "unknown department 'hr'",
        ),
        (a_term(meanings=[meaning(cue={})]), "term.meanings[0]", "unknown field 'cue'"),
        (
            a_term(meanings=[meaning(prefer={"sv": "BUDGET  "})]),
            "term.meanings[0].prefer.sv",
            "prefer wording 'BUDGET' is one of the term's labels",
        ),
        (a_term(related="other"), "term.related", "expected a list of strings, got a string"),
        (a_term(related=["Other"]), "term.related[0]", bad_id("Other")),
        (a_term(related=["budget"]), "term.related[0]", "a term cannot be related to itself"),
        (a_term(tags={"a": 1}), "term.tags", "expected a list of strings, got a mapping"),
        (
            a_term(status="Approved"),
            "term.status",
            "invalid status 'Approved'; expected draft, in_review, approved, rejected",
        ),
        (a_term(usage=True), "term.usage", "expected a string, got a boolean"),
        (a_term(note=""), "term.note", "must not be empty"),
    ],
)
def test_a_term_breaking_one_rule(raw: object, path: str, message: str) -> None:
    assert term_problems(raw) == [Problem(path, message)]


def test_a_term_breaking_several_rules_reports_each() -> None:
    assert term_problems({"id": "Budget", "lables": {}, "tags": None}) == [
        Problem("term", "unknown field 'lables'"),
        Problem("term", "missing field 'labels'"),
        Problem("term", "missing field 'meanings'"),
        Problem("term.id", bad_id("Budget")),
    ]


def test_a_valid_term_from_request_data() -> None:
    raw = {
        **a_term(labels={"en": "budget", "sv": ["budget", "budgetram"]}),
        "related": ["forecast"],  # unknown ids are the store's business
        "status": " draft ",
        "note": None,  # an optional field may be null
        "forms": None,
    }
    assert parse_term(raw, languages=["sv", "en"], departments=["sales"]) == Term(
        id="budget",
        labels={"sv": ("budget", "budgetram"), "en": ("budget",)},
        meanings=(Meaning("sales", {"sv": "Intäktsbudget."}),),
        related=("forecast",),
        status=Status.DRAFT,
    )


def test_term_problems_use_the_given_path() -> None:
    with pytest.raises(InvalidGlossaryFile) as caught:
        parse_term(a_term(labels={}), languages=["sv"], departments=["sales"], path="")
    assert caught.value.problems == [Problem("labels", "a term needs at least one label")]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            {"id": "HR", "name": {"sv": 1}},
            [
                Problem("department.id", bad_id("HR")),
                Problem("department.name.sv", "expected a string, got an integer"),
            ],
        ),
        ({"id": "hr"}, [Problem("department", "missing field 'name'")]),
        (
            {"id": "hr", "name": {"de": "HR"}},
            [Problem("department.name.de", "unknown language 'de' (languages: sv, en)")],
        ),
    ],
)
def test_department_rules(raw: object, expected: list[Problem]) -> None:
    with pytest.raises(InvalidGlossaryFile) as caught:
        parse_department(raw, languages=["sv", "en"])
    assert caught.value.problems == expected


def test_a_valid_department_from_request_data() -> None:
    raw = {"id": "hr", "name": {"en": " HR ", "sv": "Personal"}}
    department = parse_department(raw, languages=["sv", "en"])
    assert department == Department("hr", {"sv": "Personal", "en": "HR"})


# Reading files


def test_a_missing_file_is_a_clear_problem(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(InvalidGlossaryFile) as caught:
        load_glossary(missing)
    assert caught.value.problems == [
        Problem("", f"cannot read {missing}: No such file or directory")
    ]
    assert str(missing) in caught.value.message


def test_the_suffix_picks_the_format(tmp_path: Path) -> None:
    path = tmp_path / "glossary.JSON"
    path.write_text("{'schema': 1}", encoding="utf-8")  # YAML, but not JSON
    with pytest.raises(InvalidGlossaryFile) as caught:
        load_glossary(path)
    assert caught.value.problems[0].message.startswith("invalid JSON")


# Writing


@pytest.mark.parametrize(("dump", "fmt"), [(dump_yaml, "yaml"), (dump_json, "json")])
def test_dumps_are_lossless_and_stable(dump: Any, fmt: Literal["yaml", "json"]) -> None:
    text = dump(VALID)
    assert parse_glossary(text, fmt=fmt) == VALID
    assert dump(parse_glossary(text, fmt=fmt)) == text


AWKWARD = [
    "yes",
    "null",
    "~",
    "123",
    "0x1F",
    "1e3",
    ".inf",
    "2024-01-01",
    "a: b",
    "a #b",
    "#a",
    "- a",
    "[a]",
    "{a}",
    "a, b",
    "'a'",
    '"a"',
    "@a",
    "`a",
    "%a",
    "!a",
    "&a",
    "*a",
    "|a",
    ">a",
    "? a",
    "<<",
    "=",
    "tab\tinside",
    "two\nlines",
    "trailing space \nnext",
    "crlf\r\nline",
    "nel\x85line",
    "ls\u2028ps\u2029end",
    "two\nlines and a nel\x85end",
    "bom\ufeffinside",
    "del\x7f and\xa0nbsp",  # NUL is refused: PostgreSQL cannot store it (test_hostile_input)
    "back\\slash",
    "\\ud800 is not an escape",
    "ä 💰 \u0301",
    "x" * 200,  # as long as a label may be: longer than YAML's line width
    " ".join(["long"] * 40),
]


@pytest.mark.parametrize("text", AWKWARD)
@pytest.mark.parametrize(("dump", "fmt"), [(dump_yaml, "yaml"), (dump_json, "json")])
def test_awkward_strings_survive_a_round_trip(
    text: str, dump: Any, fmt: Literal["yaml", "json"]
) -> None:
    term = Term(
        id="t",
        labels={"sv": (text, "other")},
        forms={"sv": (text,)},
        meanings=(Meaning("sales", {"sv": text}, prefer={"en": (text,)}),),
        tags=(text,),
        note=text,
    )
    glossary = Glossary(("sv", "en"), (Department("sales", {"sv": text}),), (term,))
    assert parse_glossary(dump(glossary), fmt=fmt) == glossary


def test_yaml_layout_follows_the_format_document() -> None:
    expected = (DATA / "dumped.yaml").read_text(encoding="utf-8")
    assert dump_yaml(VALID) == expected


def test_json_dump_is_indented_utf8() -> None:
    text = dump_json(VALID)
    assert text.startswith('{\n  "schema": 1,\n  "languages": [\n    "sv",')
    assert "Sälj" in text
    assert json.loads(text) == glossary_to_dict(VALID)


def test_term_to_dict_uses_file_key_order_and_omits_empty_fields() -> None:
    data = term_to_dict(VALID.terms[1])
    assert data == {
        "id": "lead",
        "labels": {"en": ["lead", "sales lead"]},
        "meanings": [
            {"department": "marketing", "definition": {"en": "A person who showed interest."}}
        ],
        "status": "in_review",
        "usage": "deprecated",
    }
    assert list(term_to_dict(VALID.terms[0])) == [
        "id", "labels", "forms", "meanings", "related", "tags", "status", "usage", "note",
    ]  # fmt: skip
    assert type(data["status"]) is str


def test_department_to_dict() -> None:
    assert department_to_dict(VALID.departments[0]) == {
        "id": "sales",
        "name": {"sv": "Sälj", "en": "Sales"},
    }


def test_glossary_to_dict_orders_languages_as_the_glossary_does() -> None:
    department = Department("sales", {"en": "Sales", "sv": "Sälj"})
    data = glossary_to_dict(Glossary(("sv", "en"), (department,), ()))
    assert list(data["departments"][0]["name"]) == ["sv", "en"]


# Size


def test_ten_thousand_terms_parse_in_a_few_seconds() -> None:
    term = (
        "  - id: term-{i}\n"
        "    labels:\n      sv: [ord {i}, ordet {i}]\n      en: [word {i}]\n"
        "    meanings:\n"
        "      - department: sales\n"
        "        definition:\n          sv: Vad säljarna menar med ord {i}.\n"
        "          en: What the sales people mean by word {i}.\n"
        "        prefer: {{sv: [säljord {i}], en: [sales word {i}]}}\n"
        "      - department: marketing\n"
        "        definition: {{en: What marketing means by word {i}.}}\n"
        "    tags: [generated]\n"
    )
    departments = "[{id: sales, name: {sv: Sälj}}, {id: marketing, name: {sv: Marknad}}]"
    header = f"schema: 1\nlanguages: [sv, en]\ndepartments: {departments}\n"
    text = header + "terms:\n" + "".join(term.format(i=i) for i in range(10_000))
    started = time.perf_counter()
    glossary = parse_glossary(text)
    assert len(glossary.terms) == 10_000
    assert time.perf_counter() - started < 10
