"""Sentences and their language: a language's inflections apply where that language is likely."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary.matching.context import Context
    from glossary.matching.spans import Span


def wrong_language(context: Context, span: Span) -> bool:
    """True when the span is an inflection of the language its sentence is not written in."""
    return False
