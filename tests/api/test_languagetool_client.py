"""A real LanguageTool client, pointed at a live glossary server, shows our findings."""

from __future__ import annotations

import language_tool_python

from tests.cli.test_serve import served  # noqa: F401  (the live server fixture)


def test_language_tool_python_gets_glossary_findings(served: str) -> None:  # noqa: F811
    text = "Vi måste hålla budgeten 😀 och positioneringen i år."
    tool = language_tool_python.LanguageTool("sv-SE", remote_server=served)
    try:
        matches = tool.check(text)
    finally:
        tool.close()
    found = [(text[m.offset : m.offset + m.error_length], m.rule_id) for m in matches]
    assert found == [
        ("budgeten", "GLOSSARY_AMBIGUOUS_BUDGET"),
        ("positioneringen", "GLOSSARY_AMBIGUOUS_POSITIONING"),
    ]
    assert matches[0].replacements[0] == "intäktsbudget"
