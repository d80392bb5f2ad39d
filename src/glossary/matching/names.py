"""Proper nouns: a term word that is part of a company's or product's name is not the term."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary.matching.context import Context
    from glossary.matching.spans import Span


def in_name(context: Context, span: Span) -> bool:
    """True when the span is part of a name in running text."""
    return False
