"""Typed findings: the check contract's JSON is made from the typed value in one place."""

from __future__ import annotations

import json

import pytest

from glossary.matching.findings import (
    KINDS,
    Finding,
    Kind,
    Match,
    ReportedMeaning,
    TermRef,
    from_json,
    to_json,
)
from glossary.matching.index import TermIndex
from glossary.matching.scan import CheckOptions, check

CONTRACT_KEYS = [
    "offset",
    "length",
    "line",
    "column",
    "text",
    "term",
    "kind",
    "match",
    "score",
    "severity",
    "message",
    "meanings",
    "suggestions",
    "likely_department",
    "resolved_department",
]


def test_the_engine_gives_typed_findings(index: TermIndex) -> None:
    finding = check("Vi måste hålla budgeten i år.", index).findings[0]
    assert finding.term == TermRef("budget", "budget")
    assert (finding.kind, finding.match) == (Kind.AMBIGUOUS, Match.INFLECTION)
    assert all(isinstance(m, ReportedMeaning) for m in finding.meanings)
    assert finding.meanings[0].department_name == "Sälj"
    assert isinstance(finding.suggestions, tuple)


def test_to_json_is_the_check_contract_in_its_order(index: TermIndex) -> None:
    finding = check("We need to agree on the budget.", index).findings[0]
    found = to_json(finding)
    assert list(found) == CONTRACT_KEYS
    assert found["term"] == {"id": "budget", "label": "budget"}
    assert (found["kind"], found["match"], found["severity"]) == ("ambiguous", "exact", "warning")
    assert found["meanings"][0] == {
        "department": "sales",
        "department_name": "Sales",
        "definition": finding.meanings[0].definition,
        "prefer": list(finding.meanings[0].prefer),
    }
    # Plain JSON types only: enums as their values, tuples as lists.
    assert json.loads(json.dumps(found)) == found
    assert "meanings" not in to_json(finding, meanings=False)


def test_from_json_reads_back_what_to_json_wrote(index: TermIndex) -> None:
    text = "The budget. The hot lead. Our positoning."
    findings = check(text, index, CheckOptions(include=KINDS)).findings
    assert len(findings) == 3
    assert [from_json(json.loads(json.dumps(to_json(f)))) for f in findings] == findings


def test_from_json_names_a_department_by_its_id_when_an_older_server_sent_no_name() -> None:
    sent = {
        "offset": 0,
        "length": 6,
        "line": 1,
        "column": 1,
        "text": "budget",
        "term": {"id": "budget", "label": "budget"},
        "kind": "ambiguous",
        "match": "exact",
        "score": 100.0,
        "severity": "warning",
        "message": "m",
        "meanings": [{"department": "sales", "definition": "d", "prefer": ["p"]}],
        "suggestions": ["p"],
        "likely_department": None,
        "resolved_department": None,
    }
    finding = from_json(sent)
    assert finding.meanings == (ReportedMeaning("sales", "sales", "d", ("p",)),)
    assert finding.severity == "warning"


@pytest.mark.parametrize(
    ("kind", "severity"),
    [(Kind.AMBIGUOUS, "warning"), (Kind.DEPRECATED, "warning"), (Kind.KNOWN, "info")],
)
def test_severity_follows_the_kind(kind: Kind, severity: str) -> None:
    term = TermRef("x", "x")
    finding = Finding(0, 1, 1, 1, "x", term, kind, Match.EXACT, 100.0, "", (), (), None)
    assert finding.severity == severity
